-- Store v2: an operator's classification in a table of its own, apart from its profile.
--
-- A rule change used to rewrite every operator's row whole, profile included (on H2, 73 % of a reload went to
-- re-serialising those rows, and a reload of 100,000 operators grew the file past 13 GB). Now:
--   * operator keeps the profile (with its deals) and when it was last written;
--   * classification keeps, per operator, a small row: what history records a change of (tier, stage, full stack,
--     risks), the figures the screen ranks by, a digest of the whole classification (its reasons and gaps
--     included), which rule set on which date produced it, and a sequence number every write of the row takes.
--     The classification document itself is not stored: the rules are deterministic, so it is worked out again
--     from the profile, that rule set and that date when it is read. A reload writes the row of an operator whose
--     classification changed, and nothing for one whose digest is the same;
--   * classification_epoch says which rule set and date the last finished pass over the store confirmed: every
--     row written before that pass began (seq below its start_seq) is classified as that rule set gives it on that
--     date, whichever version wrote it;
--   * tally is kept up to date by every write, so that GET /operators/counts and GET /screen need not read every
--     operator.
-- The documents and the classification columns of the old operator row go: the outline moves as it is, the
-- derived figures and the digest are left at zero, so the first start reclassifies every operator
-- (classification_epoch is empty) and writes history only where the outline moved.

CREATE SEQUENCE classification_seq START WITH 1;

CREATE TABLE classification (
    ticker               VARCHAR(12)  NOT NULL PRIMARY KEY REFERENCES operator (ticker) ON DELETE CASCADE,
    tier                 VARCHAR(16)  NOT NULL,
    stage                VARCHAR(16),
    full_stack           BOOLEAN      NOT NULL,
    risks                VARCHAR(200),
    backlog_usd          DOUBLE PRECISION NOT NULL,
    contract_quality_usd DOUBLE PRECISION NOT NULL,
    in_house_cloud       BOOLEAN      NOT NULL,
    north_america_ai_mw  DOUBLE PRECISION NOT NULL,
    digest               BIGINT       NOT NULL,
    rule_set_version     VARCHAR(64)  NOT NULL,
    classified_on        DATE         NOT NULL,
    seq                  BIGINT       NOT NULL,
    bucket               SMALLINT     NOT NULL
);

INSERT INTO classification (ticker, tier, stage, full_stack, risks, backlog_usd, contract_quality_usd,
        in_house_cloud, north_america_ai_mw, digest, rule_set_version, classified_on, seq, bucket)
    SELECT ticker, tier, stage, full_stack, risks, 0, 0, FALSE, 0, 0, rule_set_version, classified_on, 0, 0
    FROM operator;

-- A tier's page in ticker order; the rows written since a pass began (stragglers of a replica that had not yet
-- followed a rule change); the screen's candidates one bucket at a time.
CREATE INDEX classification_tier_ticker ON classification (tier, ticker);
CREATE INDEX classification_seq_index ON classification (seq);
CREATE INDEX classification_bucket ON classification (bucket);

DROP INDEX operator_rule_set_version;
DROP INDEX operator_tier_ticker;
ALTER TABLE operator DROP COLUMN tier;
ALTER TABLE operator DROP COLUMN stage;
ALTER TABLE operator DROP COLUMN full_stack;
ALTER TABLE operator DROP COLUMN risks;
ALTER TABLE operator DROP COLUMN classification_json;
ALTER TABLE operator DROP COLUMN rule_set_version;
ALTER TABLE operator DROP COLUMN classified_on;

CREATE TABLE classification_epoch (
    id                   INTEGER      NOT NULL PRIMARY KEY,
    rule_set_version     VARCHAR(64),
    classified_on        DATE,
    start_seq            BIGINT,
    finished_at          TIMESTAMP WITH TIME ZONE
);
INSERT INTO classification_epoch (id, rule_set_version, classified_on, start_seq, finished_at)
    VALUES (1, NULL, NULL, NULL, NULL);

-- How many operators each tier holds, kept by every write: one row per tier and bucket, so that writers of different
-- operators seldom wait for one row. A row's revision moves with every write of an operator of its tier and bucket
-- (GET /operators/counts sums them into change markers); a bucket's revisions summed tell a replica which buckets
-- of the screen's candidates changed since it last ranked them (the row's bucket column says where an operator
-- is), so GET /screen ranks again only those.
CREATE TABLE tally (
    tier                 VARCHAR(16)  NOT NULL,
    bucket               SMALLINT     NOT NULL,
    operators            BIGINT       NOT NULL,
    revision             BIGINT       NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tier, bucket)
);
INSERT INTO tally (tier, bucket, operators, revision, updated_at) VALUES
    ('TIER_1', 0, 0, 0, NULL), ('TIER_1', 1, 0, 0, NULL),
    ('TIER_1', 2, 0, 0, NULL), ('TIER_1', 3, 0, 0, NULL),
    ('TIER_1', 4, 0, 0, NULL), ('TIER_1', 5, 0, 0, NULL),
    ('TIER_1', 6, 0, 0, NULL), ('TIER_1', 7, 0, 0, NULL),
    ('TIER_1', 8, 0, 0, NULL), ('TIER_1', 9, 0, 0, NULL),
    ('TIER_1', 10, 0, 0, NULL), ('TIER_1', 11, 0, 0, NULL),
    ('TIER_1', 12, 0, 0, NULL), ('TIER_1', 13, 0, 0, NULL),
    ('TIER_1', 14, 0, 0, NULL), ('TIER_1', 15, 0, 0, NULL),
    ('TIER_1', 16, 0, 0, NULL), ('TIER_1', 17, 0, 0, NULL),
    ('TIER_1', 18, 0, 0, NULL), ('TIER_1', 19, 0, 0, NULL),
    ('TIER_1', 20, 0, 0, NULL), ('TIER_1', 21, 0, 0, NULL),
    ('TIER_1', 22, 0, 0, NULL), ('TIER_1', 23, 0, 0, NULL),
    ('TIER_1', 24, 0, 0, NULL), ('TIER_1', 25, 0, 0, NULL),
    ('TIER_1', 26, 0, 0, NULL), ('TIER_1', 27, 0, 0, NULL),
    ('TIER_1', 28, 0, 0, NULL), ('TIER_1', 29, 0, 0, NULL),
    ('TIER_1', 30, 0, 0, NULL), ('TIER_1', 31, 0, 0, NULL),
    ('TIER_1', 32, 0, 0, NULL), ('TIER_1', 33, 0, 0, NULL),
    ('TIER_1', 34, 0, 0, NULL), ('TIER_1', 35, 0, 0, NULL),
    ('TIER_1', 36, 0, 0, NULL), ('TIER_1', 37, 0, 0, NULL),
    ('TIER_1', 38, 0, 0, NULL), ('TIER_1', 39, 0, 0, NULL),
    ('TIER_1', 40, 0, 0, NULL), ('TIER_1', 41, 0, 0, NULL),
    ('TIER_1', 42, 0, 0, NULL), ('TIER_1', 43, 0, 0, NULL),
    ('TIER_1', 44, 0, 0, NULL), ('TIER_1', 45, 0, 0, NULL),
    ('TIER_1', 46, 0, 0, NULL), ('TIER_1', 47, 0, 0, NULL),
    ('TIER_1', 48, 0, 0, NULL), ('TIER_1', 49, 0, 0, NULL),
    ('TIER_1', 50, 0, 0, NULL), ('TIER_1', 51, 0, 0, NULL),
    ('TIER_1', 52, 0, 0, NULL), ('TIER_1', 53, 0, 0, NULL),
    ('TIER_1', 54, 0, 0, NULL), ('TIER_1', 55, 0, 0, NULL),
    ('TIER_1', 56, 0, 0, NULL), ('TIER_1', 57, 0, 0, NULL),
    ('TIER_1', 58, 0, 0, NULL), ('TIER_1', 59, 0, 0, NULL),
    ('TIER_1', 60, 0, 0, NULL), ('TIER_1', 61, 0, 0, NULL),
    ('TIER_1', 62, 0, 0, NULL), ('TIER_1', 63, 0, 0, NULL),
    ('TIER_2', 0, 0, 0, NULL), ('TIER_2', 1, 0, 0, NULL),
    ('TIER_2', 2, 0, 0, NULL), ('TIER_2', 3, 0, 0, NULL),
    ('TIER_2', 4, 0, 0, NULL), ('TIER_2', 5, 0, 0, NULL),
    ('TIER_2', 6, 0, 0, NULL), ('TIER_2', 7, 0, 0, NULL),
    ('TIER_2', 8, 0, 0, NULL), ('TIER_2', 9, 0, 0, NULL),
    ('TIER_2', 10, 0, 0, NULL), ('TIER_2', 11, 0, 0, NULL),
    ('TIER_2', 12, 0, 0, NULL), ('TIER_2', 13, 0, 0, NULL),
    ('TIER_2', 14, 0, 0, NULL), ('TIER_2', 15, 0, 0, NULL),
    ('TIER_2', 16, 0, 0, NULL), ('TIER_2', 17, 0, 0, NULL),
    ('TIER_2', 18, 0, 0, NULL), ('TIER_2', 19, 0, 0, NULL),
    ('TIER_2', 20, 0, 0, NULL), ('TIER_2', 21, 0, 0, NULL),
    ('TIER_2', 22, 0, 0, NULL), ('TIER_2', 23, 0, 0, NULL),
    ('TIER_2', 24, 0, 0, NULL), ('TIER_2', 25, 0, 0, NULL),
    ('TIER_2', 26, 0, 0, NULL), ('TIER_2', 27, 0, 0, NULL),
    ('TIER_2', 28, 0, 0, NULL), ('TIER_2', 29, 0, 0, NULL),
    ('TIER_2', 30, 0, 0, NULL), ('TIER_2', 31, 0, 0, NULL),
    ('TIER_2', 32, 0, 0, NULL), ('TIER_2', 33, 0, 0, NULL),
    ('TIER_2', 34, 0, 0, NULL), ('TIER_2', 35, 0, 0, NULL),
    ('TIER_2', 36, 0, 0, NULL), ('TIER_2', 37, 0, 0, NULL),
    ('TIER_2', 38, 0, 0, NULL), ('TIER_2', 39, 0, 0, NULL),
    ('TIER_2', 40, 0, 0, NULL), ('TIER_2', 41, 0, 0, NULL),
    ('TIER_2', 42, 0, 0, NULL), ('TIER_2', 43, 0, 0, NULL),
    ('TIER_2', 44, 0, 0, NULL), ('TIER_2', 45, 0, 0, NULL),
    ('TIER_2', 46, 0, 0, NULL), ('TIER_2', 47, 0, 0, NULL),
    ('TIER_2', 48, 0, 0, NULL), ('TIER_2', 49, 0, 0, NULL),
    ('TIER_2', 50, 0, 0, NULL), ('TIER_2', 51, 0, 0, NULL),
    ('TIER_2', 52, 0, 0, NULL), ('TIER_2', 53, 0, 0, NULL),
    ('TIER_2', 54, 0, 0, NULL), ('TIER_2', 55, 0, 0, NULL),
    ('TIER_2', 56, 0, 0, NULL), ('TIER_2', 57, 0, 0, NULL),
    ('TIER_2', 58, 0, 0, NULL), ('TIER_2', 59, 0, 0, NULL),
    ('TIER_2', 60, 0, 0, NULL), ('TIER_2', 61, 0, 0, NULL),
    ('TIER_2', 62, 0, 0, NULL), ('TIER_2', 63, 0, 0, NULL),
    ('TIER_3', 0, 0, 0, NULL), ('TIER_3', 1, 0, 0, NULL),
    ('TIER_3', 2, 0, 0, NULL), ('TIER_3', 3, 0, 0, NULL),
    ('TIER_3', 4, 0, 0, NULL), ('TIER_3', 5, 0, 0, NULL),
    ('TIER_3', 6, 0, 0, NULL), ('TIER_3', 7, 0, 0, NULL),
    ('TIER_3', 8, 0, 0, NULL), ('TIER_3', 9, 0, 0, NULL),
    ('TIER_3', 10, 0, 0, NULL), ('TIER_3', 11, 0, 0, NULL),
    ('TIER_3', 12, 0, 0, NULL), ('TIER_3', 13, 0, 0, NULL),
    ('TIER_3', 14, 0, 0, NULL), ('TIER_3', 15, 0, 0, NULL),
    ('TIER_3', 16, 0, 0, NULL), ('TIER_3', 17, 0, 0, NULL),
    ('TIER_3', 18, 0, 0, NULL), ('TIER_3', 19, 0, 0, NULL),
    ('TIER_3', 20, 0, 0, NULL), ('TIER_3', 21, 0, 0, NULL),
    ('TIER_3', 22, 0, 0, NULL), ('TIER_3', 23, 0, 0, NULL),
    ('TIER_3', 24, 0, 0, NULL), ('TIER_3', 25, 0, 0, NULL),
    ('TIER_3', 26, 0, 0, NULL), ('TIER_3', 27, 0, 0, NULL),
    ('TIER_3', 28, 0, 0, NULL), ('TIER_3', 29, 0, 0, NULL),
    ('TIER_3', 30, 0, 0, NULL), ('TIER_3', 31, 0, 0, NULL),
    ('TIER_3', 32, 0, 0, NULL), ('TIER_3', 33, 0, 0, NULL),
    ('TIER_3', 34, 0, 0, NULL), ('TIER_3', 35, 0, 0, NULL),
    ('TIER_3', 36, 0, 0, NULL), ('TIER_3', 37, 0, 0, NULL),
    ('TIER_3', 38, 0, 0, NULL), ('TIER_3', 39, 0, 0, NULL),
    ('TIER_3', 40, 0, 0, NULL), ('TIER_3', 41, 0, 0, NULL),
    ('TIER_3', 42, 0, 0, NULL), ('TIER_3', 43, 0, 0, NULL),
    ('TIER_3', 44, 0, 0, NULL), ('TIER_3', 45, 0, 0, NULL),
    ('TIER_3', 46, 0, 0, NULL), ('TIER_3', 47, 0, 0, NULL),
    ('TIER_3', 48, 0, 0, NULL), ('TIER_3', 49, 0, 0, NULL),
    ('TIER_3', 50, 0, 0, NULL), ('TIER_3', 51, 0, 0, NULL),
    ('TIER_3', 52, 0, 0, NULL), ('TIER_3', 53, 0, 0, NULL),
    ('TIER_3', 54, 0, 0, NULL), ('TIER_3', 55, 0, 0, NULL),
    ('TIER_3', 56, 0, 0, NULL), ('TIER_3', 57, 0, 0, NULL),
    ('TIER_3', 58, 0, 0, NULL), ('TIER_3', 59, 0, 0, NULL),
    ('TIER_3', 60, 0, 0, NULL), ('TIER_3', 61, 0, 0, NULL),
    ('TIER_3', 62, 0, 0, NULL), ('TIER_3', 63, 0, 0, NULL),
    ('UNTIERED', 0, 0, 0, NULL), ('UNTIERED', 1, 0, 0, NULL),
    ('UNTIERED', 2, 0, 0, NULL), ('UNTIERED', 3, 0, 0, NULL),
    ('UNTIERED', 4, 0, 0, NULL), ('UNTIERED', 5, 0, 0, NULL),
    ('UNTIERED', 6, 0, 0, NULL), ('UNTIERED', 7, 0, 0, NULL),
    ('UNTIERED', 8, 0, 0, NULL), ('UNTIERED', 9, 0, 0, NULL),
    ('UNTIERED', 10, 0, 0, NULL), ('UNTIERED', 11, 0, 0, NULL),
    ('UNTIERED', 12, 0, 0, NULL), ('UNTIERED', 13, 0, 0, NULL),
    ('UNTIERED', 14, 0, 0, NULL), ('UNTIERED', 15, 0, 0, NULL),
    ('UNTIERED', 16, 0, 0, NULL), ('UNTIERED', 17, 0, 0, NULL),
    ('UNTIERED', 18, 0, 0, NULL), ('UNTIERED', 19, 0, 0, NULL),
    ('UNTIERED', 20, 0, 0, NULL), ('UNTIERED', 21, 0, 0, NULL),
    ('UNTIERED', 22, 0, 0, NULL), ('UNTIERED', 23, 0, 0, NULL),
    ('UNTIERED', 24, 0, 0, NULL), ('UNTIERED', 25, 0, 0, NULL),
    ('UNTIERED', 26, 0, 0, NULL), ('UNTIERED', 27, 0, 0, NULL),
    ('UNTIERED', 28, 0, 0, NULL), ('UNTIERED', 29, 0, 0, NULL),
    ('UNTIERED', 30, 0, 0, NULL), ('UNTIERED', 31, 0, 0, NULL),
    ('UNTIERED', 32, 0, 0, NULL), ('UNTIERED', 33, 0, 0, NULL),
    ('UNTIERED', 34, 0, 0, NULL), ('UNTIERED', 35, 0, 0, NULL),
    ('UNTIERED', 36, 0, 0, NULL), ('UNTIERED', 37, 0, 0, NULL),
    ('UNTIERED', 38, 0, 0, NULL), ('UNTIERED', 39, 0, 0, NULL),
    ('UNTIERED', 40, 0, 0, NULL), ('UNTIERED', 41, 0, 0, NULL),
    ('UNTIERED', 42, 0, 0, NULL), ('UNTIERED', 43, 0, 0, NULL),
    ('UNTIERED', 44, 0, 0, NULL), ('UNTIERED', 45, 0, 0, NULL),
    ('UNTIERED', 46, 0, 0, NULL), ('UNTIERED', 47, 0, 0, NULL),
    ('UNTIERED', 48, 0, 0, NULL), ('UNTIERED', 49, 0, 0, NULL),
    ('UNTIERED', 50, 0, 0, NULL), ('UNTIERED', 51, 0, 0, NULL),
    ('UNTIERED', 52, 0, 0, NULL), ('UNTIERED', 53, 0, 0, NULL),
    ('UNTIERED', 54, 0, 0, NULL), ('UNTIERED', 55, 0, 0, NULL),
    ('UNTIERED', 56, 0, 0, NULL), ('UNTIERED', 57, 0, 0, NULL),
    ('UNTIERED', 58, 0, 0, NULL), ('UNTIERED', 59, 0, 0, NULL),
    ('UNTIERED', 60, 0, 0, NULL), ('UNTIERED', 61, 0, 0, NULL),
    ('UNTIERED', 62, 0, 0, NULL), ('UNTIERED', 63, 0, 0, NULL);
UPDATE tally SET
    operators = (SELECT COUNT(*) FROM classification c WHERE c.tier = tally.tier AND c.bucket = tally.bucket),
    updated_at = (SELECT MAX(o.updated_at) FROM operator o JOIN classification c ON c.ticker = o.ticker
                  WHERE c.tier = tally.tier AND c.bucket = tally.bucket);

-- The hourly catch-up is a pass over the store like a rule change's: one job for both.
DELETE FROM cluster_job WHERE name = 'catch-up';
