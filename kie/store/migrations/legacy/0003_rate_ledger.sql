-- The generate rate limiter's ledger, shared by every replica: send times per account, and a block after a 429.
CREATE TABLE IF NOT EXISTS rate_accounts (
    account TEXT PRIMARY KEY,
    blocked_until DOUBLE PRECISION NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS rate_slots (
    account TEXT NOT NULL,
    sent_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS rate_slots_by_account ON rate_slots (account, sent_at);
