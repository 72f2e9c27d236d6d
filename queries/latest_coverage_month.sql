-- One row: period (DATE, first day) of the latest month with coverage snapshots under
-- $scope_code ('' for all), NULL when there is none.
SELECT max(period) AS period FROM coverage_snapshot WHERE starts_with(kemendagri_code, $scope_code)
