-- The dispatcher's question, "the oldest due deliveries of this subscription, each its operator's oldest still
-- pending", is answered by reading a subscription's pending rows in position order and stopping at the few it wants
-- (this index), with one probe per row read for its operator's oldest pending one (webhook_delivery_ticker).
-- The index on next_at it replaces served no query once the question was asked that way.
CREATE INDEX webhook_delivery_pending ON webhook_delivery (subscription_id, state, position);
DROP INDEX webhook_delivery_due;
