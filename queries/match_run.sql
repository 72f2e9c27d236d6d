-- Every run of the matching, newest first: run_id, the batches it matched, who and when, and
-- when its personal rows were purged (null while they are kept).
SELECT run_id, register_batch, participant_batch, made_at, made_by, purged_at
FROM match_run
ORDER BY run_id DESC
