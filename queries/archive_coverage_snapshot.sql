-- Keeps the coverage figures in force under $scope_code for the months $periods (DATE[]) in
-- coverage_revision, under the batch that wrote them (0 for figures older than batches), so a
-- later import can replace them and a restore can bring them back. Figures already kept there
-- (every import's own) are left as they are.
INSERT OR IGNORE INTO coverage_revision
SELECT coalesce(batch_id, 0) AS batch_id, kemendagri_code, period, registered, active,
    pbi_apbn_registered, pbi_apbd_registered, ppu_registered, pbpu_registered, bp_registered,
    pbi_apbn_active, pbi_apbd_active, ppu_active, pbpu_active, bp_active, source
FROM coverage_snapshot
WHERE starts_with(kemendagri_code, $scope_code) AND list_contains($periods, period)
