DROP TRIGGER response_counters_truncate ON responses;
DROP TRIGGER response_counters_update ON responses;
DROP TRIGGER response_counters_delete ON responses;
DROP TRIGGER response_counters_insert ON responses;
DROP FUNCTION response_counters_after_truncate();
DROP FUNCTION response_counters_after_update();
DROP FUNCTION response_counters_after_delete();
DROP FUNCTION response_counters_after_insert();
DROP TABLE response_counters;
