DROP INDEX responses_unreleased;
ALTER TABLE responses DROP COLUMN released_in;
DROP TABLE snapshots;
