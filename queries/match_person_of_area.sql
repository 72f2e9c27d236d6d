-- The persons of one stored run ($run_id) in one kelurahan ($kemendagri_code): a row is one
-- person's category (a person may have several), as pseudonymous references only (side, batch_id,
-- source_row) with the segment (to_reactivate) and the RW and RT, in list order.
SELECT run_id, side, batch_id, source_row, category, segment, kemendagri_code, rw, rt
FROM match_person
WHERE run_id = $run_id AND kemendagri_code = $kemendagri_code AND side IN ('register', 'participant')
ORDER BY rw NULLS LAST, rt NULLS LAST, side, batch_id, source_row, category
