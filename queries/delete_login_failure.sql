-- Forgets the failed logins of the name $user_name (after a success or a new password).
DELETE FROM login_failure WHERE user_name = $user_name
