-- One row per kab/kota that has coverage snapshots: kemendagri_code, name, first and last
-- period (DATE), months (count).
SELECT region.kemendagri_code, region.name,
       min(s.period) AS first_period, max(s.period) AS last_period,
       count(DISTINCT s.period) AS months
FROM coverage_snapshot AS s
JOIN region ON region.kemendagri_code = left(s.kemendagri_code, 5)
GROUP BY ALL
ORDER BY region.kemendagri_code
