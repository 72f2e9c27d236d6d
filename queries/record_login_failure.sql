-- Counts one more failed login for the name $user_name at $failed_at (UTC timestamp).
INSERT INTO login_failure (user_name, failure_count, last_failure_at) VALUES ($user_name, 1, $failed_at)
ON CONFLICT (user_name) DO UPDATE SET
    failure_count = login_failure.failure_count + 1,
    last_failure_at = excluded.last_failure_at
