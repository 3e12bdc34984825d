-- Work that one replica does for all: reclassifying the store after a rule change, and the hourly catch-up.
-- A replica claims a job by writing its name as owner and keeps its heartbeat fresh while it works; when the
-- heartbeat goes stale (the replica died), another replica takes the job over and finishes it.
CREATE TABLE cluster_job (
    name                VARCHAR(64)  NOT NULL PRIMARY KEY,
    version             VARCHAR(64),
    owner               VARCHAR(128),
    heartbeat_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    done                BOOLEAN      NOT NULL
);

INSERT INTO cluster_job (name, version, owner, heartbeat_at, done)
    VALUES ('reclassify', NULL, NULL, TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00', TRUE);
INSERT INTO cluster_job (name, version, owner, heartbeat_at, done)
    VALUES ('catch-up', NULL, NULL, TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00', TRUE);

-- Finding the operators a rule change has not reached yet is a query every replica runs every few seconds.
CREATE INDEX operator_rule_set_version ON operator (rule_set_version);
