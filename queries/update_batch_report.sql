-- Replaces the report (JSON text) kept with import batch $batch_id by $report_json: an import
-- adds the alerts it raised once its figures are written, in the same transaction.
UPDATE import_batch SET report_json = $report_json WHERE batch_id = $batch_id
