-- One row per source of population figures under $scope_code ('' for all): source (text),
-- figures (count of region rows), first_as_of and last_as_of (DATE). The data vintage line.
SELECT source, count(*) AS figures, min(as_of) AS first_as_of, max(as_of) AS last_as_of
FROM population
WHERE starts_with(kemendagri_code, $scope_code)
GROUP BY source
ORDER BY last_as_of DESC, source
