-- Survey forms refused as automated (a filled honeypot field, or sent back sooner after being
-- served than a person could answer; see src/domain/automated.rs), counted per consultation,
-- council area, reason and UTC day. Counts only: no answers, no address, no time of day.
CREATE TABLE automated_refusals (
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    council_area_code TEXT NOT NULL REFERENCES council_areas (code),
    reason TEXT NOT NULL CHECK (reason IN ('honeypot', 'too_fast')),
    day DATE NOT NULL,
    refused BIGINT NOT NULL CHECK (refused > 0),
    PRIMARY KEY (consultation_id, council_area_code, reason, day)
);
