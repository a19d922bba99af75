-- The per-shopper cap counts a merchant's messages to one recipient on one channel in the last 24 hours.
CREATE INDEX notification_recipient ON notification (merchant_id, recipient, channel, created_at);
