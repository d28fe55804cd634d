DROP TABLE idempotency_keys;
DROP TABLE responses;
DROP TABLE import_batches;
DROP TABLE consultations;
