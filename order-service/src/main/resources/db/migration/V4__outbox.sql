-- Transactional outbox: events written in the transaction of the change they report, published by the relay.
-- id is the CloudEvents ce_id; seq orders rows by creation; published_at stays null until the broker acked.
create table outbox (
    id           uuid primary key,
    seq          bigint generated always as identity,
    topic        varchar(249)  not null,
    message_key  varchar(255)  not null,
    ce_type      varchar(255)  not null,
    payload      text          not null,
    created_at   timestamptz   not null,
    published_at timestamptz,
    attempts     integer       not null default 0,
    last_error   varchar(1000),
    constraint outbox_seq_uq unique (seq)
);

-- The relay's claim query: oldest unpublished rows, and the oldest unpublished row per key.
create index outbox_unpublished_idx on outbox (seq) where published_at is null;
create index outbox_unpublished_key_idx on outbox (message_key, seq) where published_at is null;
