-- The W3C trace context (traceparent) of the event that queued a message: its send joins that trace.
ALTER TABLE notification ADD COLUMN trace_parent varchar(64);
