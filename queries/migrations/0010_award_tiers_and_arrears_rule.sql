-- Migration 10: the UHC Awards tiers and the arrears rule, as dated rows (issue 16).
--
-- uhc_award_tier: one row per tier and date its conditions start. A kab/kota meets a tier when its
-- coverage and keaktifan reach the minimums and, where one is set, the residents the Pemda funds
-- (PBI APBD / PBPU Pemda) are at least min_pemda_share_pct of the population. rank orders the
-- tiers, 1 the highest. The 2026 conditions as the press reported them (UHC Awards 2026): Utama
-- >= 99% coverage, >= 95% keaktifan and Pemda-funded residents >= 18% of the population; Madya
-- >= 98% and >= 85%; Pratama >= 98% and >= 80%. The primary BPJS Kesehatan / Kemenkes text was
-- not at hand; a later announcement is a new row with its own valid_from.
CREATE TABLE uhc_award_tier (
    tier                  VARCHAR NOT NULL CHECK (tier IN ('utama', 'madya', 'pratama')),
    valid_from            DATE NOT NULL,
    tier_rank             INTEGER NOT NULL CHECK (tier_rank >= 1),
    min_coverage_pct      DOUBLE NOT NULL CHECK (min_coverage_pct > 0 AND min_coverage_pct <= 100),
    min_activity_pct      DOUBLE NOT NULL CHECK (min_activity_pct > 0 AND min_activity_pct <= 100),
    min_pemda_share_pct   DOUBLE CHECK (min_pemda_share_pct > 0 AND min_pemda_share_pct <= 100),
    source                VARCHAR NOT NULL,
    PRIMARY KEY (tier, valid_from)
);

INSERT INTO uhc_award_tier (tier, valid_from, tier_rank, min_coverage_pct, min_activity_pct, min_pemda_share_pct, source) VALUES
    ('utama',   DATE '2026-01-01', 1, 99.0, 95.0, 18.0, 'UHC Awards 2026 (press): Utama'),
    ('madya',   DATE '2026-01-01', 2, 98.0, 85.0, NULL, 'UHC Awards 2026 (press): Madya'),
    ('pratama', DATE '2026-01-01', 3, 98.0, 80.0, NULL, 'UHC Awards 2026 (press): Pratama');

-- arrears_rule: the most months of arrears BPJS Kesehatan counts when a non-active PBPU (mandiri)
-- participant pays to be active again, from valid_from on. 24 months under Perpres 64/2020
-- (amending Perpres 82/2018, Pasal 42), signed 5 May 2020: the Pasal and the date as they are
-- commonly cited; the primary text was not re-read for this migration. An older rule, if one is
-- found, is a row with its own earlier valid_from.
CREATE TABLE arrears_rule (
    valid_from            DATE PRIMARY KEY,
    max_arrears_months    INTEGER NOT NULL CHECK (max_arrears_months >= 1),
    source                VARCHAR NOT NULL
);

INSERT INTO arrears_rule (valid_from, max_arrears_months, source) VALUES
    (DATE '2020-05-05', 24, 'Perpres 64/2020 (amending Perpres 82/2018), Pasal 42');
