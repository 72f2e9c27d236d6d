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
WITH rolled AS (
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
      AND starts_with(s.kemendagri_code, $scope_code)
      AND ($periods IS NULL OR list_contains($periods, s.period))
    GROUP BY ALL
)
SELECT
    rolled.kemendagri_code,
    region.name,
    region.level,
    rolled.period,
    rolled.registered::BIGINT AS registered,
    rolled.active::BIGINT AS active,
    rolled.pbi_apbn_registered::BIGINT AS pbi_apbn_registered,
    rolled.pbi_apbd_registered::BIGINT AS pbi_apbd_registered,
    rolled.ppu_registered::BIGINT AS ppu_registered,
    rolled.pbpu_registered::BIGINT AS pbpu_registered,
    rolled.bp_registered::BIGINT AS bp_registered,
    rolled.pbi_apbn_active::BIGINT AS pbi_apbn_active,
    rolled.pbi_apbd_active::BIGINT AS pbi_apbd_active,
    rolled.ppu_active::BIGINT AS ppu_active,
    rolled.pbpu_active::BIGINT AS pbpu_active,
    rolled.bp_active::BIGINT AS bp_active
FROM rolled
JOIN region USING (kemendagri_code)
QUALIFY rolled.source_code_length = min(rolled.source_code_length) OVER (PARTITION BY rolled.kemendagri_code, rolled.period)
ORDER BY rolled.kemendagri_code, rolled.period
