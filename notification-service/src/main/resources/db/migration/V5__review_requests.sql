-- What a review request's message offers: each item with its signed one-click star links and when they expire
-- (JSON of ReviewAsk). Null for other milestones.
ALTER TABLE notification ADD COLUMN review jsonb;
