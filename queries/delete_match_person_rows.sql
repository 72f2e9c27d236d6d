-- register purge: every person's categories; the counts per area (match_count) stay.
DELETE FROM match_person
