-- One row per PBI quota of region $kemendagri_code (e.g. '36.73') for $year (INTEGER):
-- segment ('pbi_apbn' or 'pbi_apbd'), quota (people the APBN or APBD pays for that year),
-- source (text). No row when no quota is stored.
SELECT segment, quota, source
FROM pbi_quota
WHERE kemendagri_code = $kemendagri_code AND year = $year
ORDER BY segment
