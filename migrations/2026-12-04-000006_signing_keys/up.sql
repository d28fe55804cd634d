-- Keys the service signs with (the survey form's single-use tokens), created once at random and
-- shared by every instance, so a form served by one instance can be sent to another and survives a
-- restart. Never logged or shown.
CREATE TABLE signing_keys (
    name TEXT PRIMARY KEY,
    key BYTEA NOT NULL CHECK (length(key) >= 32),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
