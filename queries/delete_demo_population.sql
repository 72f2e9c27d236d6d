-- Removes the population figures written by the demo (import batches of kind 'demo') under
-- $scope_code. A user's imports are never touched.
DELETE FROM population
WHERE starts_with(kemendagri_code, $scope_code)
  AND batch_id IN (SELECT batch_id FROM import_batch WHERE kind = 'demo')
