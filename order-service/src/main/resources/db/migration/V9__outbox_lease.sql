-- The outbox is claimed under a lease, not under a transaction held while the claim is sent: a claim sets a token and
-- how long it holds the rows; a crashed claimer's rows are claimable again once the lease ran out.
alter table outbox add column lease_token uuid;
alter table outbox add column leased_until timestamptz;
-- Published rows are deleted by age.
create index outbox_published_idx on outbox (published_at) where published_at is not null;
