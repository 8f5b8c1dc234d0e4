-- One identity per person (kie.team): who a person id (issuer|sub) is, for display and for the Admin lists.
CREATE TABLE IF NOT EXISTS people (
    workspace TEXT NOT NULL,
    id TEXT NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    seen_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (workspace, id)
);
CREATE INDEX IF NOT EXISTS people_by_email ON people (workspace, email);
