-- register purge: the runs whose personal rows were deleted now, stamped with the time.
UPDATE match_run SET purged_at = current_timestamp::TIMESTAMP WHERE purged_at IS NULL
