-- The participants of one BPJS list import ($batch_id), as the matching reads them. No ciphertext.
SELECT batch_id, source_row, nik_pseudonym, card_pseudonym, identity_pseudonym, sex, birth_date, segment, active,
       inactive_reason, fktp_code, address_code, kemendagri_code, nik_category
FROM participant
WHERE batch_id = $batch_id
ORDER BY source_row
