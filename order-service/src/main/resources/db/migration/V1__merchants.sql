-- Merchants and their API keys. A key is stored only as its SHA-256; the key itself is shown once.
create table merchants (
    id                       uuid primary key,
    name                     varchar(200) not null,
    sender_name              varchar(200),
    sender_email             varchar(254) not null,
    support_email            varchar(254),
    support_phone            varchar(16),
    logo_url                 varchar(2048),
    brand_color              varchar(7),
    default_locale           varchar(35)  not null,
    whatsapp_phone_number_id varchar(64),
    created_at               timestamptz  not null
);

create table merchant_api_keys (
    id          uuid primary key,
    merchant_id uuid        not null references merchants (id),
    key_hash    varchar(64) not null,
    key_prefix  varchar(16) not null,
    created_at  timestamptz not null,
    revoked_at  timestamptz,
    constraint merchant_api_keys_hash_uq unique (key_hash)
);

create index merchant_api_keys_merchant_idx on merchant_api_keys (merchant_id);
