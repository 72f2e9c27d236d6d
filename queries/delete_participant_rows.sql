-- register purge: every participant row (personal data); the import_batch rows stay as the record.
DELETE FROM participant
