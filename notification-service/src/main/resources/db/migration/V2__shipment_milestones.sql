-- What a shipment milestone's message says beyond the order: carrier, tracking number and link, and the
-- courier's own words, as the event that queued it told them (JSON of ShipmentNews). Null for order milestones.
ALTER TABLE notification ADD COLUMN details jsonb;

-- Shipment events about an order this service has not seen yet (order-placed travels on its own topic and may
-- come later): kept as they came and applied when the order arrives.
CREATE TABLE parked_event (
    event_id        text        PRIMARY KEY,
    order_id        text        NOT NULL,
    event_type      text        NOT NULL,
    topic           text        NOT NULL,
    kafka_partition integer     NOT NULL,
    kafka_offset    bigint      NOT NULL,
    body            bytea       NOT NULL,
    parked_at       timestamptz NOT NULL
);
CREATE INDEX parked_event_order ON parked_event (order_id);
CREATE INDEX parked_event_parked_at ON parked_event (parked_at);
