-- One row per region at the requested level and population date (as_of): residents rolled
-- up from the level the figures were stored at.
-- Parameters:
--   $code_length  length of a Kemendagri code at the level wanted (2, 5, 8 or 13)
--   $scope_code   only regions whose code starts with this ('' for the whole country)
--   $as_of_from   leave out figures older than each region's latest one dated on or before this
--                 day (DATE): the months from $as_of_from on need nothing earlier. NULL keeps all.
--   $as_of_until  only figures dated on or before this day (DATE), or NULL for all
-- Units: people. The most direct figure (shortest stored code) wins over a sum of children.
-- Where the figures came from is population_source.sql (kept out of this hot path: the text
-- column cost more than the rest of the query on the national store).
-- Speed: at the kelurahan level (13) a figure stored for a kelurahan is its own rollup and
-- always the most direct, so those rows skip the grouping and the window ("direct"); the
-- other levels group ("rolled"). The result is the same either way.
WITH direct AS NOT MATERIALIZED (
    SELECT p.kemendagri_code, p.as_of, p.population
    FROM population AS p
    WHERE $code_length = 13
      AND length(p.kemendagri_code) = 13
      AND starts_with(p.kemendagri_code, $scope_code)
      AND ($as_of_until IS NULL OR p.as_of <= $as_of_until)
),
rolled AS (
    SELECT
        left(p.kemendagri_code, $code_length) AS kemendagri_code,
        p.as_of,
        length(p.kemendagri_code) AS source_code_length,
        sum(p.population)::BIGINT AS population
    FROM population AS p
    WHERE length(p.kemendagri_code) >= $code_length
      AND NOT ($code_length = 13 AND length(p.kemendagri_code) = 13)
      AND starts_with(p.kemendagri_code, $scope_code)
      AND ($as_of_until IS NULL OR p.as_of <= $as_of_until)
    GROUP BY 1, 2, 3
),
combined AS (
    SELECT * FROM direct
    UNION ALL
    SELECT kemendagri_code, as_of, population FROM rolled
    WHERE NOT EXISTS (
        SELECT 1 FROM direct WHERE direct.kemendagri_code = rolled.kemendagri_code AND direct.as_of = rolled.as_of
    )
    QUALIFY source_code_length = min(source_code_length) OVER (PARTITION BY kemendagri_code, as_of)
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
