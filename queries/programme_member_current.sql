-- The members of each programme list as last imported (the newest batch per programme name).
SELECT m.batch_id, m.source_row, m.programme, m.nik_pseudonym, m.kk_pseudonym, m.nik_category
FROM programme_member AS m
WHERE m.batch_id = (SELECT max(n.batch_id) FROM programme_member AS n WHERE n.programme = m.programme)
ORDER BY m.programme, m.source_row
