-- One row per region under $scope_code ('' for all) at $level: kemendagri_code, name, level.
-- The lean form of region.sql for the gap path, which needs only names (83.762 rows nationwide).
SELECT kemendagri_code, name, level
FROM region
WHERE starts_with(kemendagri_code, $scope_code) AND level = $level
ORDER BY kemendagri_code
