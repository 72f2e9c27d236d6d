-- One row per kab/kota and date batch $batch_id holds figures for in the revision tables:
-- figures ('coverage' or 'population'), city_code (e.g. 61.71), day (the month for coverage,
-- as_of for population), rows (count). What restoring that batch replaces.
SELECT 'coverage' AS figures, left(kemendagri_code, 5) AS city_code, period AS day, count(*) AS rows
FROM coverage_revision WHERE batch_id = $batch_id GROUP BY ALL
UNION ALL
SELECT 'population' AS figures, left(kemendagri_code, 5) AS city_code, as_of AS day, count(*) AS rows
FROM population_revision WHERE batch_id = $batch_id GROUP BY ALL
ORDER BY figures, city_code, day
