-- One row: rows (count) of schematic display geometry under $scope_code, the cells the demo drew
-- before it shipped real boundaries (a store made by an older version).
SELECT count(*) AS rows FROM region_geometry WHERE starts_with(kemendagri_code, $scope_code) AND schematic
