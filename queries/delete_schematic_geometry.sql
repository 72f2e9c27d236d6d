-- Removes schematic (project-drawn) display geometry under $scope_code; real boundaries stay.
DELETE FROM region_geometry WHERE starts_with(kemendagri_code, $scope_code) AND schematic
