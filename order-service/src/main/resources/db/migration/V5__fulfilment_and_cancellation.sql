-- Cancellation, the fulfilment state that order-service learns from the shipment topics, and the filters of the
-- order list.
alter table orders add column cancelled_at timestamptz;
alter table orders add column cancel_reason varchar(500);

-- One row per shipment of an order, as tracking-service last reported it. status_at is the courier's time of the
-- checkpoint behind the status: an event older than what is stored changes nothing, so late and repeated events
-- are harmless, whatever order they arrive in.
create table order_shipments (
    shipment_id     varchar(100)  primary key,
    order_id        uuid          not null references orders (id),
    carrier         varchar(100),
    tracking_number varchar(100),
    status          varchar(32)   not null,
    status_at       timestamptz   not null,
    tracking_url    varchar(2048),
    updated_at      timestamptz   not null
);
create index order_shipments_order_idx on order_shipments (order_id);

-- Listing by status, and by shopper email whatever its case.
create index orders_merchant_status_created_idx on orders (merchant_id, status, created_at desc, id desc);
drop index customers_merchant_email_idx;
create index customers_merchant_email_idx on customers (merchant_id, lower(email));
