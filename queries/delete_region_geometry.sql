-- Removes the display geometry of regions under $scope_code at $level; with $schematic_only
-- true only the project-drawn (schematic) cells go and real boundaries stay.
DELETE FROM region_geometry
WHERE starts_with(kemendagri_code, $scope_code)
  AND kemendagri_code IN (SELECT kemendagri_code FROM region WHERE level = $level)
  AND (schematic OR NOT $schematic_only)
