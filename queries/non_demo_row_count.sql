-- One row: rows (count) of coverage snapshots and population figures under $scope_code that
-- the demo did not write (no import batch of kind 'demo'), i.e. a user's own data.
WITH demo_batch AS (SELECT batch_id FROM import_batch WHERE kind = 'demo')
SELECT
    (SELECT count(*) FROM coverage_snapshot
     WHERE starts_with(kemendagri_code, $scope_code)
       AND (batch_id IS NULL OR batch_id NOT IN (SELECT batch_id FROM demo_batch)))
  + (SELECT count(*) FROM population
     WHERE starts_with(kemendagri_code, $scope_code)
       AND (batch_id IS NULL OR batch_id NOT IN (SELECT batch_id FROM demo_batch)))
    AS rows
