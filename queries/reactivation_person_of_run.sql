-- One row per register row of match run $run_id to reactivate (category to_reactivate: a resident
-- found on the BPJS list here, not active) in kelurahan $kemendagri_code: the resident's import batch
-- and source_row, the list's segment, and where they live (RW, RT as stored). No personal value.
SELECT batch_id, source_row, segment, kemendagri_code, rw, rt
FROM match_person
WHERE run_id = $run_id AND side = 'register' AND category = 'to_reactivate' AND kemendagri_code = $kemendagri_code
ORDER BY batch_id, source_row
