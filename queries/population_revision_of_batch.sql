-- One row per population figure batch $batch_id wrote or had replaced, as kept in
-- population_revision: kemendagri_code, as_of, population (people), source.
SELECT kemendagri_code, as_of, population, source
FROM population_revision
WHERE batch_id = $batch_id
ORDER BY kemendagri_code, as_of
