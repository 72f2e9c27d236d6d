-- One row per person of the runs $run_ids a cadre's sheet can name (register and BPJS list rows; a
-- person in several categories once): run_id, side, batch_id, source_row, the kelurahan, RW and RT
-- the run placed them in, and the category the list acts on (to_visit before to_reactivate before
-- any other, so a resident to visit who is also a duplicate is counted as one to visit).
SELECT run_id, side, batch_id, source_row,
       any_value(kemendagri_code) AS kemendagri_code,
       any_value(rw) AS rw,
       any_value(rt) AS rt,
       arg_min(category, CASE category WHEN 'to_visit' THEN 0 WHEN 'to_reactivate' THEN 1 ELSE 2 END) AS category
FROM match_person
WHERE run_id IN (SELECT unnest($run_ids::INTEGER[])) AND side IN ('register', 'participant')
GROUP BY run_id, side, batch_id, source_row
ORDER BY run_id, side, batch_id, source_row
