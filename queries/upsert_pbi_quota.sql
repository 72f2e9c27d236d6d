-- Sets the PBI quota of region $kemendagri_code for $year and $segment ('pbi_apbn' or
-- 'pbi_apbd') to $quota people, with its $source (text); replaces the row stored before.
INSERT OR REPLACE INTO pbi_quota (kemendagri_code, year, segment, quota, source)
VALUES ($kemendagri_code, $year, $segment, $quota, $source)
