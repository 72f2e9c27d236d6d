-- Records that a list of people was read or produced: $user_name, $action, $kemendagri_code (the
-- area, null for the whole store), $persons, $detail (a file or list name, never a personal value).
INSERT INTO list_audit (happened_at, user_name, action, kemendagri_code, persons, detail)
VALUES (current_timestamp::TIMESTAMP, $user_name, $action, $kemendagri_code, $persons, $detail)
