-- Every list of people read or produced, newest first.
SELECT happened_at, user_name, action, kemendagri_code, persons, detail
FROM list_audit
ORDER BY happened_at DESC, action
