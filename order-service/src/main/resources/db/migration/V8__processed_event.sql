-- The consumer's inbox (the messaging module's PostgresInbox): one row per CloudEvents id (ce_id) this service has
-- applied, written in the transaction that applied its batch, so a redelivered batch finds its ids here and changes
-- nothing.
CREATE TABLE processed_event (
    event_id        text        PRIMARY KEY,
    event_type      text        NOT NULL,
    topic           text        NOT NULL,
    kafka_partition integer     NOT NULL,
    kafka_offset    bigint      NOT NULL,
    processed_at    timestamptz NOT NULL
);
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
