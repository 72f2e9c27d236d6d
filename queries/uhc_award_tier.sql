-- One row per UHC Awards tier and the date its conditions start: tier ('utama', 'madya',
-- 'pratama'), valid_from (DATE), tier_rank (1 the highest), min_coverage_pct and
-- min_activity_pct (percent, 0-100), min_pemda_share_pct (percent of the population funded by the
-- Pemda, NULL when the tier sets none), source.
SELECT tier, valid_from, tier_rank, min_coverage_pct, min_activity_pct, min_pemda_share_pct, source
FROM uhc_award_tier
ORDER BY valid_from, tier_rank
