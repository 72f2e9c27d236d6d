-- One row per region at the requested level and population date (as_of): residents rolled
-- up from the level the figures were stored at.
-- Parameters:
--   $code_length  length of a Kemendagri code at the level wanted (2, 5, 8 or 13)
--   $scope_code   only regions whose code starts with this ('' for the whole country)
--   $as_of_until  only figures dated on or before this day (DATE), or NULL for all
-- Units: people. The most direct figure (shortest stored code) wins over a sum of children.
-- Speed: at the kelurahan level (13) a figure stored for a kelurahan is its own rollup and
-- always the most direct, so those rows skip the grouping and the window ("direct"); the
-- other levels group as before ("rolled"). The result is the same either way.
WITH direct AS NOT MATERIALIZED (
    SELECT p.kemendagri_code, p.as_of, p.population, p.source
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
        sum(p.population) AS population,
        string_agg(DISTINCT p.source, '; ') AS source
    FROM population AS p
    WHERE length(p.kemendagri_code) >= $code_length
      AND NOT ($code_length = 13 AND length(p.kemendagri_code) = 13)
      AND starts_with(p.kemendagri_code, $scope_code)
      AND ($as_of_until IS NULL OR p.as_of <= $as_of_until)
    GROUP BY ALL
)
SELECT kemendagri_code, as_of, population, source
FROM direct
UNION ALL
SELECT kemendagri_code, as_of, population::BIGINT AS population, source
FROM rolled
WHERE NOT EXISTS (
    SELECT 1 FROM direct WHERE direct.kemendagri_code = rolled.kemendagri_code AND direct.as_of = rolled.as_of
)
QUALIFY source_code_length = min(source_code_length) OVER (PARTITION BY kemendagri_code, as_of)
ORDER BY kemendagri_code, as_of
