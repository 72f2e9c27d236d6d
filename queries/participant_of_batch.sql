-- The participants of one BPJS list import ($batch_id), as the matching reads them: pseudonyms as
-- their 32 bytes (see resident_of_batch.sql), and the months of arrears the list gave (null: not
-- given). No ciphertext. In insertion (file) order.
SELECT batch_id, source_row,
       unhex(nik_pseudonym) AS nik_pseudonym,
       unhex(card_pseudonym) AS card_pseudonym,
       unhex(identity_pseudonym) AS identity_pseudonym,
       sex, birth_date, segment, active, inactive_reason, fktp_code, address_code, kemendagri_code, nik_category, arrears_months
FROM participant
WHERE batch_id = $batch_id
