-- One row the service rewrites to learn whether the embedded database can write again, after a
-- write failed for want of room (a full disk): the store heals without a restart once it can.
CREATE TABLE store_probe (
    id INT PRIMARY KEY,
    written_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO store_probe (id, written_at) VALUES (1, CURRENT_TIMESTAMP);
