-- The SHA-256 of each imported file, so the same file cannot be imported into a consultation twice
-- (which would silently double its responses). NULL for batches that are not files (demo data).
ALTER TABLE import_batches ADD COLUMN file_sha256 TEXT CHECK (file_sha256 ~ '^[0-9a-f]{64}$');
CREATE UNIQUE INDEX import_batches_one_per_file ON import_batches (consultation_id, file_sha256)
    WHERE file_sha256 IS NOT NULL;
