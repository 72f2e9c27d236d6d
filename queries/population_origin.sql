-- One row per date (as_of, DATE) of the population figures stored under $scope_code ('' for
-- all): where that date's figures came from. from_recap is true when every figure of the date
-- was a BPJS coverage recap's population column (an import of kind coverage, or a restore of
-- one); recap_file is that recap's file name (the first in order when several); source is the
-- figures' source text (the first in order). A demo or legacy figure has no recap.
WITH figure AS (
    SELECT
        p.as_of,
        p.source,
        coalesce(original.kind, batch.kind, '') AS kind,
        coalesce(original.file_name, batch.file_name) AS file_name
    FROM population AS p
    LEFT JOIN import_batch AS batch ON batch.batch_id = p.batch_id
    LEFT JOIN import_batch AS original ON original.batch_id = batch.restores_batch_id
    WHERE starts_with(p.kemendagri_code, $scope_code)
)
SELECT
    as_of,
    bool_and(kind = 'coverage') AS from_recap,
    min(file_name) FILTER (WHERE kind = 'coverage') AS recap_file,
    min(source) AS source
FROM figure
GROUP BY as_of
ORDER BY as_of
