-- One row per dashboard user: user_name, role, created_at, password_set_at (no hashes).
SELECT user_name, role, created_at, password_set_at FROM app_user ORDER BY user_name
