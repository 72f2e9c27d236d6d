-- One row per person and category of one stored match run ($run_id) in one kelurahan
-- ($kemendagri_code): side, import batch and source row, category, segment, RW and RT.
SELECT run_id, side, batch_id, source_row, category, segment, kemendagri_code, rw, rt
FROM match_person
WHERE run_id = $run_id AND kemendagri_code = $kemendagri_code
ORDER BY side, batch_id, source_row, category
