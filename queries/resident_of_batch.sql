-- The residents of one register import ($batch_id), as the matching reads them: pseudonyms,
-- stated sex and birth date, RT, RW, kelurahan, NIK category and died/moved. No ciphertext.
SELECT batch_id, source_row, nik_pseudonym, kk_pseudonym, identity_pseudonym, sex, birth_date, rt, rw,
       relationship, kemendagri_code, nik_category, life_status
FROM resident
WHERE batch_id = $batch_id
ORDER BY source_row
