-- One row per region at the requested level and month: registered and active participants
-- rolled up from the level the snapshots were stored at. Segments are in
-- segments_by_region_month.sql and names in region_name.sql: on the national store both cost
-- more than the rollup itself.
-- Parameters:
--   $code_length  length of a Kemendagri code at the level wanted: 2 provinsi, 5 kota,
--                 8 kecamatan, 13 kelurahan
--   $scope_code   only regions whose code starts with this ('' for the whole country)
--   $periods      list of months (first day, DATE[]) to return, or NULL for every month
-- Units: people. Each branch of the tree counts once, at its most direct figure: a region
-- with a figure of its own (a kecamatan or city total) is taken as it is and its children's
-- rows are not added to it again, while a sibling without one is summed from its children.
-- A sum is NULL where any row in it lacks that figure: a partial sum would pass for a real one.
-- Speed: at the kelurahan level (13) a stored kelurahan row is its own result ("direct"); the
-- other levels group ("rolled"). Regions above kelurahan level with figures of their own are
-- few, so they are looked up by equality on each row's code prefixes ("own_figure"), which
-- costs little; a starts_with comparison here tripled the time on the national store.
WITH direct AS NOT MATERIALIZED (
    SELECT s.kemendagri_code, s.period, s.registered, s.active
    FROM coverage_snapshot AS s
    WHERE $code_length = 13
      AND length(s.kemendagri_code) = 13
      AND starts_with(s.kemendagri_code, $scope_code)
      AND ($periods IS NULL OR list_contains($periods, s.period))
),
own_figure AS (
    SELECT s.kemendagri_code, s.period
    FROM coverage_snapshot AS s
    WHERE $code_length < 13
      AND length(s.kemendagri_code) BETWEEN $code_length AND 12
      AND starts_with(s.kemendagri_code, $scope_code)
      AND ($periods IS NULL OR list_contains($periods, s.period))
),
rolled AS (
    SELECT
        left(s.kemendagri_code, $code_length) AS kemendagri_code,
        s.period,
        sum(s.registered)::BIGINT AS registered,
        CASE WHEN count(s.active) = count(*) THEN sum(s.active)::BIGINT END AS active
    FROM coverage_snapshot AS s
    -- an ancestor (kecamatan, kota or provinsi) with a figure of its own for the same date replaces this row
    LEFT JOIN own_figure AS own_8
        ON own_8.period = s.period AND own_8.kemendagri_code = left(s.kemendagri_code, 8)
        AND length(s.kemendagri_code) > 8
    LEFT JOIN own_figure AS own_5
        ON own_5.period = s.period AND own_5.kemendagri_code = left(s.kemendagri_code, 5)
        AND length(s.kemendagri_code) > 5
    LEFT JOIN own_figure AS own_2
        ON own_2.period = s.period AND own_2.kemendagri_code = left(s.kemendagri_code, 2)
        AND length(s.kemendagri_code) > 2
    WHERE $code_length < 13
      AND length(s.kemendagri_code) >= $code_length
      AND starts_with(s.kemendagri_code, $scope_code)
      AND ($periods IS NULL OR list_contains($periods, s.period))
      AND own_8.kemendagri_code IS NULL AND own_5.kemendagri_code IS NULL AND own_2.kemendagri_code IS NULL
    GROUP BY 1, 2
)
SELECT * FROM direct
UNION ALL
SELECT * FROM rolled
ORDER BY kemendagri_code, period
