-- Migration 3: the national parameters every store starts with, as dated rows. A city adds
-- rows of its own (a later valid_from) rather than editing these.

INSERT INTO coverage_target (valid_from, target_pct, source) VALUES
    (DATE '2020-01-01', 98.0, 'RPJMN 2020-2024; Inpres 1/2022');

-- Until 2023 a kab/kota was UHC at 95% coverage and 75% activity; since 2024 at 98% and 80%.
INSERT INTO uhc_criterion (valid_from, min_coverage_pct, min_activity_pct, source) VALUES
    (DATE '2014-01-01', 95.0, 75.0, 'BPJS Kesehatan, UHC criterion until 2023'),
    (DATE '2024-01-01', 98.0, 80.0, 'BPJS Kesehatan, UHC criterion (RPJMN 2020-2024)');

-- Rp42.000 per person per month since 1 Aug 2019 for PBI and Pemda-registered residents
-- (Perpres 75/2019, kept by Perpres 64/2020); Kelas III mandiri is Rp42.000 in total.
INSERT INTO iuran (segment, valid_from, idr_per_month, source) VALUES
    ('pbi_apbn', DATE '2019-08-01', 42000, 'Perpres 75/2019; Perpres 64/2020'),
    ('pbi_apbd', DATE '2019-08-01', 42000, 'Perpres 75/2019; Perpres 64/2020'),
    ('pbpu',     DATE '2019-08-01', 42000, 'Perpres 64/2020 (Kelas III: Rp35.000 paid + Rp7.000 aid)');
