-- One row per region under $scope_code at $level that has display geometry:
-- kemendagri_code, name, geometry_wkb (EPSG:4326 WKB), schematic (drawn by the project), source.
SELECT g.kemendagri_code, r.name, g.geometry_wkb, g.schematic, g.source
FROM region_geometry AS g
JOIN region AS r USING (kemendagri_code)
WHERE starts_with(g.kemendagri_code, $scope_code) AND r.level = $level
ORDER BY g.kemendagri_code
