-- One row per import batch, newest first, for the kab/kota $city_code (NULL: every batch; a batch
-- not tied to one kab/kota, such as a demo, is listed for every city): batch_id, kind, file_name,
-- sha256, row_count (data rows of the file), imported_by, imported_at, city_code,
-- restores_batch_id, note, report_json, figures_in_force and figures_replaced (coverage and
-- population figures of the batch that are in force / were replaced since), purged_at (a list of
-- people, kinds register, participants, programme and results: when `register purge` deleted its personal
-- rows, the first purge at or after its import; else NULL), and status:
--   purged          a list of people whose personal rows were purged
--   current         every figure the batch wrote is in force
--   partly_current  some are, some were replaced by a later batch
--   restored        none is, but a restore of this batch is in force
--   superseded      none is in force
--   NULL            the batch wrote no figures (a region tree)
WITH in_force AS (
    SELECT batch_id, sum(figures) AS figures
    FROM (
        SELECT coalesce(batch_id, 0) AS batch_id, count(*) AS figures FROM coverage_snapshot GROUP BY 1
        UNION ALL
        SELECT coalesce(batch_id, 0) AS batch_id, count(*) AS figures FROM population GROUP BY 1
    )
    GROUP BY batch_id
),
replaced AS (
    -- figures kept in the revision tables under a batch that are no longer in force under it
    SELECT batch_id, sum(figures) AS figures
    FROM (
        SELECT r.batch_id, count(*) AS figures
        FROM coverage_revision AS r
        ANTI JOIN coverage_snapshot AS s
            ON coalesce(s.batch_id, 0) = r.batch_id AND s.kemendagri_code = r.kemendagri_code AND s.period = r.period
        GROUP BY 1
        UNION ALL
        SELECT r.batch_id, count(*) AS figures
        FROM population_revision AS r
        ANTI JOIN population AS s
            ON coalesce(s.batch_id, 0) = r.batch_id AND s.kemendagri_code = r.kemendagri_code AND s.as_of = r.as_of
        GROUP BY 1
    )
    GROUP BY batch_id
),
counted AS (
    SELECT
        b.*,
        coalesce(f.figures, 0)::BIGINT AS figures_in_force,
        coalesce(r.figures, 0)::BIGINT AS figures_replaced,
        CASE WHEN b.kind IN ('register', 'participants', 'programme', 'results') THEN (
            SELECT min(a.happened_at) FROM list_audit AS a WHERE a.action = 'purge' AND a.happened_at >= b.imported_at
        ) END AS purged_at
    FROM import_batch AS b
    LEFT JOIN in_force AS f USING (batch_id)
    LEFT JOIN replaced AS r USING (batch_id)
)
SELECT
    c.batch_id, c.kind, c.file_name, c.sha256, c.row_count, c.imported_by, c.imported_at, c.city_code,
    c.restores_batch_id, c.note, c.report_json, c.figures_in_force, c.figures_replaced, c.purged_at,
    CASE
        WHEN c.purged_at IS NOT NULL THEN 'purged'
        WHEN c.figures_in_force = 0 AND c.figures_replaced = 0 THEN NULL
        WHEN c.figures_replaced = 0 THEN 'current'
        WHEN c.figures_in_force > 0 THEN 'partly_current'
        WHEN EXISTS (
            SELECT 1 FROM counted AS r WHERE r.restores_batch_id = c.batch_id AND r.figures_in_force > 0
        ) THEN 'restored'
        ELSE 'superseded'
    END AS status
FROM counted AS c
WHERE $city_code IS NULL OR c.city_code IS NULL OR c.city_code = $city_code
ORDER BY c.batch_id DESC
