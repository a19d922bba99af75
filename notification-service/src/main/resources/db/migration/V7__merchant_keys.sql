-- The merchant API keys order-service issued, from merchant-keys: the SHA-256 of each key (never the key) and its
-- merchant, so merchant calls such as the notification log are authenticated without asking order-service.
CREATE TABLE merchant_key (
    key_hash    text        PRIMARY KEY,
    merchant_id text        NOT NULL,
    key_id      text        NOT NULL,
    revoked_at  timestamptz
);
