-- One row: rows (count) of coverage snapshots and population figures under $scope_code that
-- did not come from the demo, i.e. a user's own data.
SELECT
    (SELECT count(*) FROM coverage_snapshot WHERE starts_with(kemendagri_code, $scope_code) AND NOT starts_with(source, 'Demo'))
  + (SELECT count(*) FROM population WHERE starts_with(kemendagri_code, $scope_code) AND NOT starts_with(source, 'Demo'))
    AS rows
