-- One row per member of the store's programme lists (every batch), by batch and row: the programme's
-- name, the NIK and KK pseudonyms and the NIK category.
SELECT batch_id, source_row, programme, nik_pseudonym, kk_pseudonym, nik_category
FROM programme_member
ORDER BY batch_id, source_row
