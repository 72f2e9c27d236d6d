-- One row per import batch of $kind (demo, gazetteer, coverage, population, boundaries), oldest
-- first: batch_id, kind, file_name, sha256, row_count, imported_by, imported_at, note.
SELECT batch_id, kind, file_name, sha256, row_count, imported_by, imported_at, note
FROM import_batch
WHERE kind = $kind
ORDER BY batch_id
