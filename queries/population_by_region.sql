-- One row per region at the requested level and population date (as_of): residents rolled
-- up from the level the figures were stored at.
-- Parameters:
--   $code_length  length of a Kemendagri code at the level wanted (2, 5, 8 or 13)
--   $scope_code   only regions whose code starts with this ('' for the whole country)
--   $as_of_from   leave out figures older than each region's latest one dated on or before this
--                 day (DATE): the months from $as_of_from on need nothing earlier. NULL keeps all.
--   $as_of_until  only figures dated on or before this day (DATE), or NULL for all
-- Where the figures came from is population_source.sql (kept out of this hot path: the text
-- column cost more than the rest of the query on the national store).
-- Units: people. Each branch of the tree counts once, at its most direct figure: a region
-- with a figure of its own (a kecamatan or city total) is taken as it is and its children's
-- rows are not added to it again, while a sibling without one is summed from its children.
-- A sum is NULL where any row in it lacks that figure: a partial sum would pass for a real one.
-- Speed: at the kelurahan level (13) a stored kelurahan row is its own result ("direct"); the
-- other levels group ("rolled"). Regions above kelurahan level with figures of their own are
-- few, so they are looked up by equality on each row's code prefixes ("own_figure"), which
-- costs little; a starts_with comparison here tripled the time on the national store.
WITH direct AS NOT MATERIALIZED (
    SELECT s.kemendagri_code, s.as_of, s.population
    FROM population AS s
    WHERE $code_length = 13
      AND length(s.kemendagri_code) = 13
      AND starts_with(s.kemendagri_code, $scope_code)
      AND ($as_of_until IS NULL OR s.as_of <= $as_of_until)
),
own_figure AS (
    SELECT s.kemendagri_code, s.as_of
    FROM population AS s
    WHERE $code_length < 13
      AND length(s.kemendagri_code) BETWEEN $code_length AND 12
      AND starts_with(s.kemendagri_code, $scope_code)
      AND ($as_of_until IS NULL OR s.as_of <= $as_of_until)
),
rolled AS (
    SELECT
        left(s.kemendagri_code, $code_length) AS kemendagri_code,
        s.as_of,
        sum(s.population)::BIGINT AS population
    FROM population AS s
    -- an ancestor (kecamatan, kota or provinsi) with a figure of its own for the same date replaces this row
    LEFT JOIN own_figure AS own_8
        ON own_8.as_of = s.as_of AND own_8.kemendagri_code = left(s.kemendagri_code, 8)
        AND length(s.kemendagri_code) > 8
    LEFT JOIN own_figure AS own_5
        ON own_5.as_of = s.as_of AND own_5.kemendagri_code = left(s.kemendagri_code, 5)
        AND length(s.kemendagri_code) > 5
    LEFT JOIN own_figure AS own_2
        ON own_2.as_of = s.as_of AND own_2.kemendagri_code = left(s.kemendagri_code, 2)
        AND length(s.kemendagri_code) > 2
    WHERE $code_length < 13
      AND length(s.kemendagri_code) >= $code_length
      AND starts_with(s.kemendagri_code, $scope_code)
      AND ($as_of_until IS NULL OR s.as_of <= $as_of_until)
      AND own_8.kemendagri_code IS NULL AND own_5.kemendagri_code IS NULL AND own_2.kemendagri_code IS NULL
    GROUP BY 1, 2
)
,
combined AS (
    SELECT * FROM direct
    UNION ALL
    SELECT * FROM rolled
),
first_needed AS (
    -- each region's latest figure dated on or before $as_of_from: the oldest one still needed
    SELECT kemendagri_code, max(as_of) AS as_of
    FROM combined
    WHERE as_of <= $as_of_from
    GROUP BY kemendagri_code
)
SELECT combined.kemendagri_code, combined.as_of, combined.population
FROM combined
LEFT JOIN first_needed USING (kemendagri_code)
WHERE $as_of_from IS NULL OR first_needed.as_of IS NULL OR combined.as_of >= first_needed.as_of
ORDER BY combined.kemendagri_code, combined.as_of
