-- register purge: every visit's result (what became of a person is personal).
DELETE FROM campaign_result
