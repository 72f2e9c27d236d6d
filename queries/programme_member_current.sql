-- The members of each programme list as last imported (the newest batch per programme name);
-- pseudonyms as their 32 bytes, as the matching reads the register (resident_of_batch.sql).
SELECT m.batch_id, m.source_row, m.programme,
       unhex(m.nik_pseudonym) AS nik_pseudonym,
       unhex(m.kk_pseudonym) AS kk_pseudonym,
       m.nik_category
FROM programme_member AS m
WHERE m.batch_id = (SELECT max(n.batch_id) FROM programme_member AS n WHERE n.programme = m.programme)
ORDER BY m.programme, m.source_row
