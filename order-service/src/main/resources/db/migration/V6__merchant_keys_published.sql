-- merchant-keys starts with the state of every key issued before order-service published key changes, so the
-- projections other services keep of it know every key. The body is the MerchantKeyChanged record's JSON.
insert into outbox (id, topic, message_key, ce_type, payload, created_at)
select gen_random_uuid(), 'merchant-keys', k.merchant_id::text, 'dev.shipnotify.merchant.key-changed',
       json_build_object(
           'schemaVersion', 1,
           'merchantId', k.merchant_id::text,
           'keyId', k.id::text,
           'keyHash', k.key_hash,
           'issuedAt', to_char(k.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'revokedAt', to_char(k.revoked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text,
       now()
from merchant_api_keys k
order by k.created_at, k.id;
