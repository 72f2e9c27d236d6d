-- Records one batch of imported or restored figures and returns its batch_id. Parameters:
-- $kind (coverage, population or restore), $file_name, $sha256 (of the file, hex), $row_count
-- (data rows of the file), $imported_by, $note, $city_code (the kab/kota, e.g. 61.71),
-- $restores_batch_id (for a restore: the batch made current again, else NULL), $report_json.
INSERT INTO import_batch (kind, file_name, sha256, row_count, imported_by, note, city_code, restores_batch_id, report_json)
VALUES ($kind, $file_name, $sha256, $row_count, $imported_by, $note, $city_code, $restores_batch_id, $report_json)
RETURNING batch_id
