-- Removes the demo's coverage snapshots (source starting 'Demo') under $scope_code.
DELETE FROM coverage_snapshot WHERE starts_with(kemendagri_code, $scope_code) AND starts_with(source, 'Demo')
