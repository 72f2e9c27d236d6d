-- One row per person a results sheet gave a result for: the result in force, the one of the newest
-- results batch (within a batch, the lowest sheet row: a sheet names a person once). Columns: the
-- person (run_id, side, person_batch, person_row), the list's kelurahan, RW and RT, result, segment,
-- result_date, cadre, and the batch and sheet row it came from.
SELECT run_id, side, person_batch, person_row, kemendagri_code, rw, rt, result, segment, result_date, cadre,
       batch_id, sheet_row
FROM campaign_result
QUALIFY row_number() OVER (PARTITION BY run_id, side, person_batch, person_row ORDER BY batch_id DESC, sheet_row) = 1
ORDER BY kemendagri_code, rw, rt, run_id, side, person_batch, person_row
