-- Puts the coverage figures batch $from_batch_id wrote (or had replaced) under $scope_code back
-- in force, as figures of the new batch $batch_id.
INSERT INTO coverage_snapshot BY NAME
SELECT kemendagri_code, period, registered, active,
    pbi_apbn_registered, pbi_apbd_registered, ppu_registered, pbpu_registered, bp_registered,
    pbi_apbn_active, pbi_apbd_active, ppu_active, pbpu_active, bp_active, source,
    $batch_id AS batch_id
FROM coverage_revision
WHERE batch_id = $from_batch_id AND starts_with(kemendagri_code, $scope_code)
