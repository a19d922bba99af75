-- The consumer's de-duplication log: one row per CloudEvents id (ce_id) this service has handled. It is
-- written in the same transaction as the event's effect, so a redelivered event finds its id here and
-- changes nothing.
CREATE TABLE processed_event (
    event_id        text        PRIMARY KEY,
    event_type      text        NOT NULL,
    topic           text        NOT NULL,
    kafka_partition integer     NOT NULL,
    kafka_offset    bigint      NOT NULL,
    processed_at    timestamptz NOT NULL
);
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);

-- What this service knows of an order, from order-placed: enough to write to the shopper in the
-- merchant's colours without asking order-service.
CREATE TABLE order_projection (
    order_id          text          PRIMARY KEY,
    merchant_id       text          NOT NULL,
    merchant          jsonb         NOT NULL, -- branding snapshot taken at checkout
    shopper_name      text,
    shopper_email     text,
    shopper_phone     text,
    shopper_locale    text,
    shopper_time_zone text,
    consent_email     boolean       NOT NULL,
    consent_whatsapp  boolean       NOT NULL,
    items             jsonb         NOT NULL,
    total_amount      numeric(19,4) NOT NULL,
    total_currency    text          NOT NULL,
    shipping          jsonb,
    placed_at         timestamptz   NOT NULL,
    last_event_id     text          NOT NULL,
    created_at        timestamptz   NOT NULL,
    updated_at        timestamptz   NOT NULL
);
CREATE INDEX order_projection_merchant ON order_projection (merchant_id);

-- The notification log: one row per message we owe a shopper, on one channel, for one milestone.
-- The natural key makes "never the same message twice" a database guarantee: a second event for the
-- same order cannot queue a second row. Order-level milestones (ORDER_CONFIRMED) have no shipment, and
-- NULLS NOT DISTINCT makes (order, NULL, milestone, channel) unique too.
CREATE TABLE notification (
    id              uuid        PRIMARY KEY,
    order_id        text        NOT NULL REFERENCES order_projection (order_id),
    merchant_id     text        NOT NULL,
    shipment_id     text,
    milestone       text        NOT NULL,
    channel         text        NOT NULL,
    recipient       text        NOT NULL,
    locale          text,
    status          text        NOT NULL, -- QUEUED, SENT, FAILED (later: SUPPRESSED, DELIVERED, READ, ...)
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_attempt_at timestamptz,
    last_error      text,
    -- The id the recipient's side knows the message by. Email: the Message-ID we set, chosen when the row
    -- is queued, so a re-send after a crash carries the same id and mail clients can fold the copy.
    message_id      text,
    subject         text,
    sent_at         timestamptz,
    source_event_id text        NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT notification_natural_key UNIQUE NULLS NOT DISTINCT (order_id, shipment_id, milestone, channel)
);
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'QUEUED';
CREATE INDEX notification_order ON notification (order_id);

-- Every delivery attempt with its outcome, for the notification log API and for support.
CREATE TABLE notification_attempt (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notification_id uuid        NOT NULL REFERENCES notification (id),
    attempt         integer     NOT NULL,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz NOT NULL,
    outcome         text        NOT NULL, -- SENT, RETRY, FAILED
    error           text,
    CONSTRAINT notification_attempt_number UNIQUE (notification_id, attempt)
);
