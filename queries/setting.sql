-- One row per store-wide setting: key, value (text).
SELECT key, value FROM setting ORDER BY key
