-- register purge: every programme list row (personal data); the import_batch rows stay as the record.
DELETE FROM programme_member
