-- One row per kelurahan/desa under $scope_code that the snapshots of month $period (DATE, first
-- day) leave out: kemendagri_code, name. A kelurahan is covered by a row of its own or by a row
-- of its kecamatan, kota or provinsi (a recap at that level). A kecamatan or city figure of that
-- month adds up only the rows present, so these are the regions it is missing.
-- For one city at a time (about 0,03 s warm on the national store; the whole country takes ~50 s).
SELECT r.kemendagri_code, r.name
FROM region AS r
WHERE r.level = 'kelurahan'
  AND starts_with(r.kemendagri_code, $scope_code)
  AND NOT EXISTS (
      SELECT 1
      FROM coverage_snapshot AS s
      WHERE s.period = $period
        AND s.kemendagri_code IN (
            r.kemendagri_code, left(r.kemendagri_code, 8), left(r.kemendagri_code, 5), left(r.kemendagri_code, 2)
        )
  )
ORDER BY r.kemendagri_code
