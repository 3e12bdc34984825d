-- The board reads the store a tier at a time: how many operators each tier holds and when the latest of them was
-- written (GET /operators/counts, polled every few seconds by every open board), and a tier's pages in ticker
-- order (GET /operators?tier=…&after=…). Without an index both read every row, documents and all: at 100,000
-- operators the counts took 1 to 2 s on H2 and 60 ms on PostgreSQL, and the first page of a rare tier seconds on
-- H2. With this one the counts come from the index alone (tens of ms on both) and a page is a range of it (under
-- a millisecond). Plain SQL that both databases run alike, hence in common/ rather than the vendor folders.
CREATE INDEX operator_tier_ticker ON operator (tier, ticker, updated_at);
