-- The W3C trace context (traceparent) of the request that wrote an event: its record carries it, so consumers join
-- that trace.
alter table outbox add column trace_parent varchar(64);
