-- One row per dated UHC criterion: valid_from, min_coverage_pct, min_activity_pct (percent), source.
SELECT valid_from, min_coverage_pct, min_activity_pct, source FROM uhc_criterion ORDER BY valid_from
