-- One row per region at the requested level and month: registered and active participants
-- rolled up from the level the snapshots were stored at. Segments are in
-- segments_by_region_month.sql and names in region.sql: on the national store both cost more
-- than the rollup itself.
-- Parameters:
--   $code_length  length of a Kemendagri code at the level wanted: 2 provinsi, 5 kota,
--                 8 kecamatan, 13 kelurahan
--   $scope_code   only regions whose code starts with this ('' for the whole country)
--   $periods      list of months (first day, DATE[]) to return, or NULL for every month
-- Units: people. Where a region has figures at several levels for one month, the most direct
-- (shortest code) wins, so a city total is never added to its own kelurahan. A sum over children
-- is NULL when any child lacks that figure: a partial sum would pass for a real one.
-- Speed: at the kelurahan level (13) a snapshot stored for a kelurahan is its own rollup and
-- always the most direct figure, so those rows skip the grouping and the window ("direct");
-- the other levels group ("rolled"). The result is the same either way.
WITH direct AS NOT MATERIALIZED (
    SELECT
        s.kemendagri_code, s.period, s.registered, s.active
    FROM coverage_snapshot AS s
    WHERE $code_length = 13
      AND length(s.kemendagri_code) = 13
      AND starts_with(s.kemendagri_code, $scope_code)
      AND ($periods IS NULL OR list_contains($periods, s.period))
),
rolled AS (
    SELECT
        left(s.kemendagri_code, $code_length) AS kemendagri_code,
        s.period,
        length(s.kemendagri_code) AS source_code_length,
        sum(s.registered)::BIGINT AS registered,
        CASE WHEN count(s.active) = count(*) THEN sum(s.active)::BIGINT END AS active
    FROM coverage_snapshot AS s
    WHERE length(s.kemendagri_code) >= $code_length
      AND NOT ($code_length = 13 AND length(s.kemendagri_code) = 13)
      AND starts_with(s.kemendagri_code, $scope_code)
      AND ($periods IS NULL OR list_contains($periods, s.period))
    GROUP BY 1, 2, 3
),
most_direct AS (
    SELECT * FROM rolled
    QUALIFY source_code_length = min(source_code_length) OVER (PARTITION BY kemendagri_code, period)
)
SELECT * FROM direct
UNION ALL
SELECT * EXCLUDE (source_code_length) FROM most_direct AS rolled
WHERE NOT EXISTS (SELECT 1 FROM direct WHERE direct.kemendagri_code = rolled.kemendagri_code AND direct.period = rolled.period)
ORDER BY kemendagri_code, period
