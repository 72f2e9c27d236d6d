-- Removes the display geometry the demo wrote under $scope_code: the schematic (project-drawn)
-- cells of versions before the real boundaries, and the shipped boundaries (source $source).
-- Boundaries a user imported stay.
DELETE FROM region_geometry
WHERE starts_with(kemendagri_code, $scope_code)
  AND (schematic OR source = $source)
