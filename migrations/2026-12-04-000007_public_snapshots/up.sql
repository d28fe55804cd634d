-- What the public may see of a consultation's responses: scheduled snapshots, not live figures.
-- Results that refresh after every response let anyone who polls an area before and after a
-- neighbour answers read that person's answers off the difference. So anyone who is not an analyst
-- sees only responses released by a snapshot, and a snapshot releases an area's new responses only
-- when there are at least the consultation's suppression threshold of them (see
-- src/db/snapshots.rs). Released responses stay released.
CREATE TABLE snapshots (
    id BIGSERIAL PRIMARY KEY,
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    taken_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Responses this snapshot released (0 when no area had enough new ones).
    released BIGINT NOT NULL CHECK (released >= 0)
);
CREATE INDEX snapshots_by_consultation ON snapshots (consultation_id, id);

ALTER TABLE responses ADD COLUMN released_in BIGINT REFERENCES snapshots (id);
-- Finding what is not yet released, per area, without reading what is.
CREATE INDEX responses_unreleased ON responses (consultation_id, council_area_code) WHERE released_in IS NULL;
