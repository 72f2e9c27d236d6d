-- Removes the coverage snapshots written by the demo (import batches of kind 'demo') under
-- $scope_code, so that `init --demo` can write them afresh. A user's imports are never touched.
DELETE FROM coverage_snapshot
WHERE starts_with(kemendagri_code, $scope_code)
  AND batch_id IN (SELECT batch_id FROM import_batch WHERE kind = 'demo')
