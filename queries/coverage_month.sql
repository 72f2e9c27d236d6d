-- One row per month that has coverage snapshots for regions under $scope_code
-- ('' for all): period (DATE, first day), region_count (regions with a snapshot that month).
SELECT period, count(*) AS region_count
FROM coverage_snapshot
WHERE starts_with(kemendagri_code, $scope_code)
GROUP BY period
ORDER BY period
