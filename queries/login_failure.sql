-- The one row of failed logins in a row for the name $user_name: failure_count, last_failure_at (UTC).
SELECT failure_count, last_failure_at FROM login_failure WHERE user_name = $user_name
