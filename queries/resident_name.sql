-- The encrypted names and addresses of the residents of one NIK pseudonym ($nik_pseudonym), by batch and row.
SELECT batch_id, source_row, name_encrypted, address_encrypted
FROM resident
WHERE nik_pseudonym = $nik_pseudonym
ORDER BY batch_id, source_row
