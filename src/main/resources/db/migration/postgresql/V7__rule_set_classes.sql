-- The class files the executable model made of an archived rule set, per build of the engine that made them, so
-- that a restart, or a replica following another's activation, loads them (checked again by the sandbox) instead
-- of compiling the same rules again. A cache: any row may be missing, and the service compiles.
CREATE TABLE rule_set_classes (
    version             VARCHAR(64)  NOT NULL,
    engine              VARCHAR(64)  NOT NULL,
    classes             BYTEA        NOT NULL,
    kept_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (version, engine)
);
