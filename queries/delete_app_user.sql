-- Removes user $user_name; returns the name when there was such a user.
DELETE FROM app_user WHERE user_name = $user_name RETURNING user_name
