-- One row per resident in the store's register (every batch), by batch and row: pseudonyms and
-- ciphertexts only, the stated sex, birth date, RT, RW, kelurahan (Kemendagri code) and NIK category.
SELECT batch_id, source_row, nik_pseudonym, kk_pseudonym, identity_pseudonym, name_encrypted, address_encrypted,
       sex, birth_date, rt, rw, relationship, kemendagri_code, nik_category, life_status
FROM resident
ORDER BY batch_id, source_row
