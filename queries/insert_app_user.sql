-- Adds user $user_name with $password_hash (argon2) and $role (editor or admin).
INSERT INTO app_user (user_name, password_hash, role) VALUES ($user_name, $password_hash, $role)
