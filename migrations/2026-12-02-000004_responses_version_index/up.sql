-- The results cache asks, on every results request, for count(*) and max(id) of one consultation's
-- responses (src/db/results.rs). This index lets PostgreSQL answer from the index alone (an
-- index-only scan once the table is vacuumed) instead of scanning every response, and makes
-- "rows with id above the cached maximum" an index range scan.
CREATE INDEX responses_by_consultation_id ON responses (consultation_id, id);
