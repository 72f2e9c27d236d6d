-- Removes the coverage figures in force under $scope_code for the months $periods (DATE[]),
-- which a new revision replaces. Run archive_coverage_snapshot.sql first: nothing is lost.
DELETE FROM coverage_snapshot
WHERE starts_with(kemendagri_code, $scope_code) AND list_contains($periods, period)
