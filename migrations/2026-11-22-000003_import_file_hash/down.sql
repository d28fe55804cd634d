DROP INDEX import_batches_one_per_file;
ALTER TABLE import_batches DROP COLUMN file_sha256;
