-- One row per participant in the store's BPJS lists (every batch), by batch and row: pseudonyms and
-- ciphertexts only, the stated sex and birth date, segment, active, reason, FKTP, address codes, NIK category,
-- the months of arrears as the list gave them (null: not given).
SELECT batch_id, source_row, nik_pseudonym, card_pseudonym, identity_pseudonym, name_encrypted, sex, birth_date,
       segment, active, inactive_reason, fktp_code, address_code, kemendagri_code, nik_category, arrears_months
FROM participant
ORDER BY batch_id, source_row
