-- Removes the demo's population figures (source starting 'Demo') under $scope_code.
DELETE FROM population WHERE starts_with(kemendagri_code, $scope_code) AND starts_with(source, 'Demo')
