-- Sets the store-wide setting $key to $value (text) only when it is not set yet; a value already
-- recorded stays as it is (the city key's fingerprint is recorded once).
INSERT OR IGNORE INTO setting (key, value) VALUES ($key, $value)
