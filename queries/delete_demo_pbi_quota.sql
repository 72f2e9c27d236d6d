-- Removes the PBI quota rows the demo wrote under $scope_code (recognised by their $source,
-- the demo's own text: pbi_quota has no import batch), so `init --demo` can write them afresh.
-- A quota a user stored has another source and is never touched.
DELETE FROM pbi_quota WHERE starts_with(kemendagri_code, $scope_code) AND source = $source
