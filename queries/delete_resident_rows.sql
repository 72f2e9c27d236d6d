-- register purge: every resident row (personal data); the import_batch rows stay as the record.
DELETE FROM resident
