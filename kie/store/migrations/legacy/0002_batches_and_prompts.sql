-- Batches of generate requests sent by the worker under the rate limit, and the prompt library.
CREATE TABLE IF NOT EXISTS batches (
    workspace TEXT NOT NULL,
    id TEXT NOT NULL,
    owner TEXT,
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    message TEXT,
    created_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (workspace, id)
);
CREATE TABLE IF NOT EXISTS batch_items (
    workspace TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    request TEXT NOT NULL,
    state TEXT NOT NULL,
    task_id TEXT,
    error TEXT,
    sent_at DOUBLE PRECISION,
    PRIMARY KEY (workspace, batch_id, position)
);
CREATE INDEX IF NOT EXISTS batch_items_by_state ON batch_items (workspace, state, batch_id, position);
CREATE TABLE IF NOT EXISTS prompts (
    workspace TEXT NOT NULL,
    id TEXT NOT NULL,
    owner TEXT,
    name TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '',
    request TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (workspace, id)
);
