-- One row per coverage figure in force under $scope_code in the months $periods (DATE[]), as
-- stored (not rolled up): kemendagri_code, period, registered, active and the registered per
-- segment (people), source, batch_id. What an import for those months would replace.
SELECT kemendagri_code, period, registered, active,
    pbi_apbn_registered, pbi_apbd_registered, ppu_registered, pbpu_registered, bp_registered,
    source, coalesce(batch_id, 0) AS batch_id
FROM coverage_snapshot
WHERE starts_with(kemendagri_code, $scope_code) AND list_contains($periods, period)
ORDER BY kemendagri_code, period
