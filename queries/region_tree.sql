-- One row per region under $scope_code ('' for all), every level, as regions.match_regions reads
-- it: kemendagri_code, name, level, region_type, parent_code, bps_code, aliases (other names).
SELECT kemendagri_code, name, level, region_type, parent_code, bps_code, aliases
FROM region
WHERE starts_with(kemendagri_code, $scope_code)
ORDER BY kemendagri_code
