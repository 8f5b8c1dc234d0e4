-- A task knows its model (catalogue id), the task a tool worked on, its batch and comparison, and demo origin.
-- (Minimal, for the catalogue branch; the SQLAlchemy store on the store branch replaces it.)
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS model TEXT NOT NULL DEFAULT 'gpt-4o-image';
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS parent_id TEXT;
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS batch_id TEXT;
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS comparison_id TEXT;
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS demo BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX IF NOT EXISTS tasks_by_model ON tasks (workspace, model, created_at DESC);
