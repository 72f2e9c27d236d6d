-- The encrypted names of some participants of one list import: $batch_id and the list $rows of source rows.
SELECT source_row, name_encrypted
FROM participant
WHERE batch_id = $batch_id AND source_row IN (SELECT unnest($rows))
ORDER BY source_row
