-- Sets the store-wide setting $key to $value (text).
INSERT OR REPLACE INTO setting (key, value) VALUES ($key, $value)
