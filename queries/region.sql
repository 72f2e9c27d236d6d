-- One row per region under $scope_code ('' for all) at $level (or every level when NULL):
-- kemendagri_code, name, level, region_type, parent_code, bps_code.
SELECT kemendagri_code, name, level, region_type, parent_code, bps_code
FROM region
WHERE starts_with(kemendagri_code, $scope_code)
  AND ($level IS NULL OR level = $level)
ORDER BY kemendagri_code
