-- The sender claims a batch of due notifications in one short transaction and sends them with none open: a
-- claimed row stays QUEUED with a lease, which another sender respects until it runs out (a sender that died
-- mid-send leaves its rows to be claimed again after the lease).
ALTER TABLE notification ADD COLUMN leased_until timestamptz;

-- Attempt ids come from a sequence Hibernate reserves 50 at a time, so a batch's attempts go in one JDBC batch
-- (an identity column makes every insert its own round trip).
ALTER TABLE notification_attempt ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE notification_attempt_id_seq INCREMENT BY 50 OWNED BY notification_attempt.id;
SELECT setval('notification_attempt_id_seq', COALESCE((SELECT max(id) FROM notification_attempt), 0) + 1, false);
