-- Consultations mirror the definitions in survey-defs/ (synced at start-up) so that responses have
-- a foreign key and the definition in force when they were given is kept.
CREATE TABLE consultations (
    id TEXT PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]*$'),
    title TEXT NOT NULL,
    opens DATE NOT NULL,
    closes DATE NOT NULL CHECK (closes >= opens),
    definition JSONB NOT NULL,
    synced_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per CSV file imported, so an import can be traced (and undone) as a unit.
CREATE TABLE import_batches (
    id BIGSERIAL PRIMARY KEY,
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    source_file TEXT NOT NULL,
    row_count BIGINT NOT NULL CHECK (row_count >= 0),
    imported_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One anonymous response. `concerns` holds the resident's ranking in order (1st choice first), so a
-- response and its ranking are one row and can never be half-written.
CREATE TABLE responses (
    id BIGSERIAL PRIMARY KEY,
    public_id UUID NOT NULL UNIQUE,
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    council_area_code TEXT NOT NULL REFERENCES council_areas (code),
    postcode_district TEXT CHECK (postcode_district ~ '^[A-Z]{1,2}[0-9][0-9A-Z]?$'),
    feel_safe SMALLINT CHECK (feel_safe BETWEEN 1 AND 5),
    confidence SMALLINT CHECK (confidence BETWEEN 1 AND 5),
    concerns TEXT[] NOT NULL CHECK (cardinality(concerns) BETWEEN 1 AND 10 AND array_position(concerns, NULL) IS NULL),
    comment TEXT,
    age_band TEXT CHECK (age_band IN ('16-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+', 'prefer_not_to_say')),
    sex TEXT CHECK (sex IN ('M', 'F', 'prefer_not_to_say')),
    disability TEXT CHECK (disability IN ('yes', 'no', 'prefer_not_to_say')),
    channel TEXT NOT NULL CHECK (channel IN ('web', 'api', 'paper', 'event', 'email', 'phone', 'import')),
    submitted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    import_batch_id BIGINT REFERENCES import_batches (id)
);
CREATE INDEX responses_by_consultation_area ON responses (consultation_id, council_area_code);

-- A client's Idempotency-Key for a submission: a retry returns the first response instead of a duplicate.
CREATE TABLE idempotency_keys (
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_sha256 TEXT NOT NULL,
    response_public_id UUID NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consultation_id, key)
);
