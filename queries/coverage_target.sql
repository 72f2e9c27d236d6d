-- One row per dated coverage target: valid_from (DATE), target_pct (percent 0-100), source.
SELECT valid_from, target_pct, source FROM coverage_target ORDER BY valid_from
