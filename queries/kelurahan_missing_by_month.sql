-- One row per month with snapshots under $scope_code and kelurahan/desa under $scope_code that
-- the month's snapshots leave out (as kelurahan_without_coverage.sql, for every month at once):
-- period, kemendagri_code. A kecamatan or city figure of such a month adds up only the rows present.
WITH months AS (
    SELECT DISTINCT period FROM coverage_snapshot WHERE starts_with(kemendagri_code, $scope_code)
),
kelurahan AS (
    SELECT kemendagri_code FROM region WHERE level = 'kelurahan' AND starts_with(kemendagri_code, $scope_code)
)
SELECT m.period, k.kemendagri_code
FROM months AS m CROSS JOIN kelurahan AS k
WHERE NOT EXISTS (
    SELECT 1
    FROM coverage_snapshot AS s
    WHERE s.period = m.period
      AND s.kemendagri_code IN (
          k.kemendagri_code, left(k.kemendagri_code, 8), left(k.kemendagri_code, 5), left(k.kemendagri_code, 2)
      )
)
ORDER BY m.period, k.kemendagri_code
