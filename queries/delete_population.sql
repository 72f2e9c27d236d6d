-- Removes the population figures in force under $scope_code dated $as_of_dates (DATE[]), which a
-- new revision replaces. Run archive_population.sql first: nothing is lost.
DELETE FROM population
WHERE starts_with(kemendagri_code, $scope_code) AND list_contains($as_of_dates, as_of)
