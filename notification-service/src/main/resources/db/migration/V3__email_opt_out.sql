-- Shoppers who unsubscribed from a merchant's emails (RFC 8058 one-click, or the page behind the link). Keyed by a
-- hash of the lower-cased address, so the list itself holds no address.
CREATE TABLE email_opt_out (
    merchant_id  text        NOT NULL,
    email_hash   text        NOT NULL,
    opted_out_at timestamptz NOT NULL,
    PRIMARY KEY (merchant_id, email_hash)
);

-- Keys this service signs shoppers' links with: made at first start, shared by every replica through the database.
CREATE TABLE signing_key (
    name       text        PRIMARY KEY,
    secret     bytea       NOT NULL,
    created_at timestamptz NOT NULL
);
