-- Orders, the shopper of each order as captured at checkout, and line items. Money is numeric, never float.
create table customers (
    id               uuid primary key,
    merchant_id      uuid         not null references merchants (id),
    name             varchar(200) not null,
    email            varchar(254) not null,
    phone            varchar(16),
    locale           varchar(35)  not null,
    time_zone        varchar(64)  not null,
    consent_email    boolean      not null,
    consent_whatsapp boolean      not null,
    created_at       timestamptz  not null
);

create table orders (
    id            uuid primary key,
    merchant_id   uuid          not null references merchants (id),
    customer_id   uuid          not null references customers (id),
    status        varchar(32)   not null,
    currency      varchar(3)    not null,
    total_amount  numeric(19, 4) not null check (total_amount >= 0),
    ship_line1    varchar(200)  not null,
    ship_line2    varchar(200),
    ship_city     varchar(100)  not null,
    ship_postcode varchar(20)   not null,
    ship_country  varchar(2)    not null,
    created_at    timestamptz   not null,
    version       bigint        not null default 0,
    constraint orders_customer_uq unique (customer_id)
);

-- Listing a merchant's orders newest first, with a cursor on (created_at, id).
create index orders_merchant_created_idx on orders (merchant_id, created_at desc, id desc);
create index customers_merchant_email_idx on customers (merchant_id, email);

create table order_items (
    id          uuid primary key,
    order_id    uuid           not null references orders (id) on delete cascade,
    position    integer        not null,
    sku         varchar(64)    not null,
    name        varchar(200)   not null,
    quantity    integer        not null check (quantity >= 1),
    unit_amount numeric(19, 4) not null check (unit_amount >= 0),
    currency    varchar(3)     not null,
    image_url   varchar(2048),
    constraint order_items_position_uq unique (order_id, position)
);
