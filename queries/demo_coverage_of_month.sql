-- One row: of the coverage figures stored under $scope_code for the month $period (DATE, first
-- day), demo_figures is how many the demo wrote (an import_batch of kind demo, or a restore of
-- one) and figures how many there are in all. An imported month of the demo store has none.
SELECT
    count(*) FILTER (WHERE coalesce(original.kind, batch.kind) = 'demo') AS demo_figures,
    count(*) AS figures
FROM coverage_snapshot AS c
LEFT JOIN import_batch AS batch ON batch.batch_id = c.batch_id
LEFT JOIN import_batch AS original ON original.batch_id = batch.restores_batch_id
WHERE starts_with(c.kemendagri_code, $scope_code) AND c.period = $period
