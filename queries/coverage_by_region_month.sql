-- One row per region at the requested level and month: participants rolled up from the
-- level the snapshots were stored at.
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
-- the other levels group as before ("rolled"). The result is the same either way.
WITH direct AS NOT MATERIALIZED (
    SELECT
        s.kemendagri_code, s.period, s.registered, s.active,
        s.pbi_apbn_registered, s.pbi_apbd_registered, s.ppu_registered, s.pbpu_registered, s.bp_registered,
        s.pbi_apbn_active, s.pbi_apbd_active, s.ppu_active, s.pbpu_active, s.bp_active
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
        count(*) AS source_rows,
        sum(s.registered) AS registered,
        CASE WHEN count(s.active) = count(*) THEN sum(s.active) END AS active,
        CASE WHEN count(s.pbi_apbn_registered) = count(*) THEN sum(s.pbi_apbn_registered) END AS pbi_apbn_registered,
        CASE WHEN count(s.pbi_apbd_registered) = count(*) THEN sum(s.pbi_apbd_registered) END AS pbi_apbd_registered,
        CASE WHEN count(s.ppu_registered) = count(*) THEN sum(s.ppu_registered) END AS ppu_registered,
        CASE WHEN count(s.pbpu_registered) = count(*) THEN sum(s.pbpu_registered) END AS pbpu_registered,
        CASE WHEN count(s.bp_registered) = count(*) THEN sum(s.bp_registered) END AS bp_registered,
        CASE WHEN count(s.pbi_apbn_active) = count(*) THEN sum(s.pbi_apbn_active) END AS pbi_apbn_active,
        CASE WHEN count(s.pbi_apbd_active) = count(*) THEN sum(s.pbi_apbd_active) END AS pbi_apbd_active,
        CASE WHEN count(s.ppu_active) = count(*) THEN sum(s.ppu_active) END AS ppu_active,
        CASE WHEN count(s.pbpu_active) = count(*) THEN sum(s.pbpu_active) END AS pbpu_active,
        CASE WHEN count(s.bp_active) = count(*) THEN sum(s.bp_active) END AS bp_active
    FROM coverage_snapshot AS s
    WHERE length(s.kemendagri_code) >= $code_length
      AND NOT ($code_length = 13 AND length(s.kemendagri_code) = 13)
      AND starts_with(s.kemendagri_code, $scope_code)
      AND ($periods IS NULL OR list_contains($periods, s.period))
    GROUP BY ALL
),
most_direct AS (
    SELECT rolled.*, region.name, region.level
    FROM rolled
    JOIN region USING (kemendagri_code)
    QUALIFY rolled.source_code_length = min(rolled.source_code_length) OVER (PARTITION BY rolled.kemendagri_code, rolled.period)
)
SELECT
    direct.kemendagri_code, region.name, region.level, direct.period,
    direct.registered, direct.active,
    direct.pbi_apbn_registered, direct.pbi_apbd_registered, direct.ppu_registered, direct.pbpu_registered, direct.bp_registered,
    direct.pbi_apbn_active, direct.pbi_apbd_active, direct.ppu_active, direct.pbpu_active, direct.bp_active
FROM direct
JOIN region USING (kemendagri_code)
UNION ALL
SELECT
    m.kemendagri_code,
    m.name,
    m.level,
    m.period,
    m.registered::BIGINT AS registered,
    m.active::BIGINT AS active,
    m.pbi_apbn_registered::BIGINT AS pbi_apbn_registered,
    m.pbi_apbd_registered::BIGINT AS pbi_apbd_registered,
    m.ppu_registered::BIGINT AS ppu_registered,
    m.pbpu_registered::BIGINT AS pbpu_registered,
    m.bp_registered::BIGINT AS bp_registered,
    m.pbi_apbn_active::BIGINT AS pbi_apbn_active,
    m.pbi_apbd_active::BIGINT AS pbi_apbd_active,
    m.ppu_active::BIGINT AS ppu_active,
    m.pbpu_active::BIGINT AS pbpu_active,
    m.bp_active::BIGINT AS bp_active
FROM most_direct AS m
WHERE NOT EXISTS (SELECT 1 FROM direct WHERE direct.kemendagri_code = m.kemendagri_code AND direct.period = m.period)
ORDER BY kemendagri_code, period
