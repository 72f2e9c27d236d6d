-- One row (or none) for the store-wide setting $key: value (text).
SELECT value FROM setting WHERE key = $key
