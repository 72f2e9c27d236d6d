-- Puts the population figures batch $from_batch_id wrote (or had replaced) under $scope_code
-- back in force, as figures of the new batch $batch_id.
INSERT INTO population BY NAME
SELECT kemendagri_code, as_of, population, source, $batch_id AS batch_id
FROM population_revision
WHERE batch_id = $from_batch_id AND starts_with(kemendagri_code, $scope_code)
