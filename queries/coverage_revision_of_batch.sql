-- One row per coverage figure batch $batch_id wrote or had replaced, as kept in coverage_revision:
-- kemendagri_code, period, registered, active and the registered per segment (people), source.
SELECT kemendagri_code, period, registered, active,
    pbi_apbn_registered, pbi_apbd_registered, ppu_registered, pbpu_registered, bp_registered, source
FROM coverage_revision
WHERE batch_id = $batch_id
ORDER BY kemendagri_code, period
