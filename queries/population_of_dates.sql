-- One row per population figure in force under $scope_code dated $as_of_dates (DATE[]), as
-- stored (not rolled up): kemendagri_code, as_of, population (people), source, batch_id. What
-- an import for those dates would replace.
SELECT kemendagri_code, as_of, population, source, coalesce(batch_id, 0) AS batch_id
FROM population
WHERE starts_with(kemendagri_code, $scope_code) AND list_contains($as_of_dates, as_of)
ORDER BY kemendagri_code, as_of
