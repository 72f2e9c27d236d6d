-- Keeps the population figures in force under $scope_code dated $as_of_dates (DATE[]) in
-- population_revision, under the batch that wrote them (0 for figures older than batches).
-- Figures already kept there (every import's own) are left as they are.
INSERT OR IGNORE INTO population_revision
SELECT coalesce(batch_id, 0) AS batch_id, kemendagri_code, as_of, population, source
FROM population
WHERE starts_with(kemendagri_code, $scope_code) AND list_contains($as_of_dates, as_of)
