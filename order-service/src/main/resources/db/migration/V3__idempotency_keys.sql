-- One row per (merchant, Idempotency-Key). The primary key decides concurrent requests: the first insert wins,
-- the others wait for its commit and then replay the stored response (or get 422 if their body differs).
create table idempotency_keys (
    merchant_id     uuid         not null references merchants (id),
    idempotency_key varchar(255) not null,
    request_hash    varchar(64)  not null,
    order_id        uuid references orders (id),
    response_status integer,
    response_body   text,
    created_at      timestamptz  not null,
    primary key (merchant_id, idempotency_key)
);
