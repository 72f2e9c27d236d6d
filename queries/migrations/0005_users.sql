-- Migration 5: dashboard users who may write (editors, admins) and failed logins per name.
-- Viewing needs no account; importing and restoring need one.

CREATE TABLE app_user (
    user_name      VARCHAR PRIMARY KEY,    -- lower case: letters, digits, '.', '_', '-'
    password_hash  VARCHAR NOT NULL,       -- argon2id, PHC string ($argon2id$v=19$...); never the password
    role           VARCHAR NOT NULL CHECK (role IN ('editor', 'admin')),
    created_at     TIMESTAMP NOT NULL DEFAULT current_timestamp,
    password_set_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Failed logins in a row, per name typed (also names that are no user, so an unknown name is
-- slowed down exactly like a known one). A successful login deletes the row.
CREATE TABLE login_failure (
    user_name        VARCHAR PRIMARY KEY,
    failure_count    INTEGER NOT NULL CHECK (failure_count > 0),
    last_failure_at  TIMESTAMP NOT NULL    -- UTC
);
