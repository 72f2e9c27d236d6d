-- Removes the store-wide setting $key (nothing when it is not set).
DELETE FROM setting WHERE key = $key
