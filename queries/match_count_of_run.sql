-- The stored counts of one run ($run_id) per kelurahan, RW, RT, category and segment.
SELECT kemendagri_code, rw, rt, category, segment, persons, families
FROM match_count
WHERE run_id = $run_id
ORDER BY kemendagri_code, rw, rt, category, segment
