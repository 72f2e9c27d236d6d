-- The one row of user $user_name: password_hash (argon2 PHC string) and role; none for an unknown name.
SELECT password_hash, role FROM app_user WHERE user_name = $user_name
