-- One row per resident of one register import ($batch_id) among the source rows $rows, as a cadre's
-- list prints them: the name, address and masked NIK still encrypted (uhc.store.people decrypts them
-- with the city key), stated sex and birth date, RT, RW and kelurahan, and the months of arrears the
-- BPJS list $participant_batch gives for a non-active participant of the same NIK (null: none given).
SELECT r.source_row, r.name_encrypted, r.address_encrypted, r.nik_masked_encrypted, r.sex, r.birth_date,
       r.rt, r.rw, r.kemendagri_code,
       (SELECT max(p.arrears_months) FROM participant p
        WHERE p.batch_id = $participant_batch AND p.nik_pseudonym = r.nik_pseudonym AND NOT p.active) AS arrears_months
FROM resident r
WHERE r.batch_id = $batch_id AND r.source_row IN (SELECT unnest($rows))
ORDER BY r.source_row
