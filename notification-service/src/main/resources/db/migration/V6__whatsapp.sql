-- Shoppers who replied STOP to a WhatsApp message. Keyed by a hash of the phone number's digits (its WhatsApp id),
-- so the list itself holds no number. A STOP reaches the business number, so it holds for every merchant.
CREATE TABLE whatsapp_opt_out (
    phone_hash   text        PRIMARY KEY,
    opted_out_at timestamptz NOT NULL
);

-- Every status a provider reported for a sent message (WhatsApp: sent, delivered, read, failed), in the order they
-- arrived; the notification log API shows them as the message's history.
CREATE TABLE notification_receipt (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notification_id     uuid        NOT NULL REFERENCES notification (id),
    status              text        NOT NULL,
    reported_at         timestamptz NOT NULL, -- the provider's time
    received_at         timestamptz NOT NULL,
    error_code          integer,
    error               text,
    CONSTRAINT notification_receipt_once UNIQUE (notification_id, status)
);

-- The message ids providers gave (email Message-ID, WhatsApp wamid) are looked up when a status or a reply arrives.
CREATE INDEX notification_message_id ON notification (message_id);

-- A shopper's answer to a message: a quick-reply button (REATTEMPT, UPDATE_ADDRESS, a star rating), STOP or a text.
-- It is also the outbox of shopper-replied: an answer to one of our messages is published, then published_at set.
CREATE TABLE shopper_reply (
    provider_message_id text        PRIMARY KEY, -- the reply's own id: a redelivered webhook records nothing new
    channel             text        NOT NULL,
    notification_id     uuid        REFERENCES notification (id),
    order_id            text,
    merchant_id         text,
    shipment_id         text,
    milestone           text,
    action              text,
    text                text,
    received_at         timestamptz NOT NULL,
    published_at        timestamptz
);
CREATE INDEX shopper_reply_unpublished ON shopper_reply (received_at) WHERE published_at IS NULL AND order_id IS NOT NULL;

-- Which milestones reach a shopper on which channels, per merchant; a merchant without a row has the defaults.
CREATE TABLE merchant_rules (
    merchant_id text        PRIMARY KEY,
    rules       jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL
);
