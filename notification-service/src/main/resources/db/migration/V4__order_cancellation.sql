-- A cancelled order: its shopper hears of the cancellation and of nothing after it.
ALTER TABLE order_projection ADD COLUMN cancelled_at timestamptz;
