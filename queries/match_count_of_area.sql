-- The stored counts of one run ($run_id) in one kelurahan ($kemendagri_code) per RW, RT,
-- category and segment, as a page or a cadre's list header reads them.
SELECT kemendagri_code, rw, rt, category, segment, persons, families
FROM match_count
WHERE run_id = $run_id AND kemendagri_code = $kemendagri_code
ORDER BY rw, rt, category, segment
