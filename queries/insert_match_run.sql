-- Records one run of the matching and returns its run_id (one more than the last). Parameters:
-- $register_batch, $participant_batch, $made_by.
INSERT INTO match_run (run_id, register_batch, participant_batch, made_at, made_by)
SELECT coalesce(max(run_id), 0) + 1, $register_batch, $participant_batch, current_timestamp::TIMESTAMP, $made_by
FROM match_run
RETURNING run_id
