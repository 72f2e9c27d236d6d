-- The residents of one register import ($batch_id), as the matching reads them: pseudonyms (as
-- their 32 bytes, half the memory of the stored hex), stated sex and birth date, RT, RW, kelurahan,
-- NIK category and died/moved. No ciphertext. In insertion (file) order: uhc.store.people checks it.
SELECT batch_id, source_row,
       unhex(nik_pseudonym) AS nik_pseudonym,
       unhex(kk_pseudonym) AS kk_pseudonym,
       unhex(identity_pseudonym) AS identity_pseudonym,
       sex, birth_date, rt, rw, relationship, kemendagri_code, nik_category, life_status
FROM resident
WHERE batch_id = $batch_id
