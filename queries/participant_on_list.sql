-- One row per participant of one BPJS list import ($batch_id) among the source rows $rows, as a cadre's
-- list prints them: the name and masked NIK still encrypted (a list holds no street address), stated
-- sex and birth date, kelurahan and the months of arrears it gives (null: not given).
SELECT source_row, name_encrypted, CAST(NULL AS BLOB) AS address_encrypted, nik_masked_encrypted, sex, birth_date,
       CAST(NULL AS VARCHAR) AS rt, CAST(NULL AS VARCHAR) AS rw, kemendagri_code, arrears_months
FROM participant
WHERE batch_id = $batch_id AND source_row IN (SELECT unnest($rows))
ORDER BY source_row
