-- Records one import batch and returns its batch_id. Parameters: $kind, $file_name, $sha256,
-- $row_count, $imported_by, $note.
INSERT INTO import_batch (kind, file_name, sha256, row_count, imported_by, note)
VALUES ($kind, $file_name, $sha256, $row_count, $imported_by, $note)
RETURNING batch_id
