-- Sets the password hash (argon2) of user $user_name; returns the name when there is such a user.
UPDATE app_user SET password_hash = $password_hash, password_set_at = current_timestamp
WHERE user_name = $user_name
RETURNING user_name
