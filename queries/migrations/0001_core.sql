-- Migration 1: the region tree, coverage snapshots, population and dated parameters.
-- Codes are Kemendagri codes in dotted form (61, 61.71, 61.71.04, 61.71.04.1001); the
-- hierarchy is the code prefix, so a rollup is a GROUP BY on left(code, n).

CREATE TABLE region (
    kemendagri_code VARCHAR PRIMARY KEY,
    name            VARCHAR NOT NULL,
    -- provinsi / kota (kab/kota level) / kecamatan / kelurahan (kelurahan or desa level)
    level           VARCHAR NOT NULL CHECK (level IN ('provinsi', 'kota', 'kecamatan', 'kelurahan')),
    -- what the gazetteer calls it: provinsi, kabupaten, kota, kecamatan, distrik, kelurahan, desa, desa_adat
    region_type     VARCHAR NOT NULL,
    parent_code     VARCHAR,
    bps_code        VARCHAR,
    aliases         VARCHAR[] NOT NULL DEFAULT []
);

-- One row per region and month, at the level the source gave (usually kelurahan).
-- Counts are people. Segment columns may be NULL where the source does not split them.
CREATE TABLE coverage_snapshot (
    kemendagri_code     VARCHAR NOT NULL REFERENCES region (kemendagri_code),
    period              DATE NOT NULL CHECK (day(period) = 1),
    registered          BIGINT NOT NULL CHECK (registered >= 0),
    active              BIGINT CHECK (active >= 0 AND active <= registered),
    pbi_apbn_registered BIGINT CHECK (pbi_apbn_registered >= 0),
    pbi_apbd_registered BIGINT CHECK (pbi_apbd_registered >= 0),
    ppu_registered      BIGINT CHECK (ppu_registered >= 0),
    pbpu_registered     BIGINT CHECK (pbpu_registered >= 0),
    bp_registered       BIGINT CHECK (bp_registered >= 0),
    pbi_apbn_active     BIGINT CHECK (pbi_apbn_active >= 0),
    pbi_apbd_active     BIGINT CHECK (pbi_apbd_active >= 0),
    ppu_active          BIGINT CHECK (ppu_active >= 0),
    pbpu_active         BIGINT CHECK (pbpu_active >= 0),
    bp_active           BIGINT CHECK (bp_active >= 0),
    source              VARCHAR NOT NULL,
    PRIMARY KEY (kemendagri_code, period)
);

-- Population (people) as of a date: Dukcapil DKB semesters end on 30 June and 31 December.
CREATE TABLE population (
    kemendagri_code VARCHAR NOT NULL REFERENCES region (kemendagri_code),
    as_of           DATE NOT NULL,
    population      BIGINT NOT NULL CHECK (population >= 0),
    source          VARCHAR NOT NULL,
    PRIMARY KEY (kemendagri_code, as_of)
);

-- Coverage target in percent (0-100), valid from a date until the next row.
CREATE TABLE coverage_target (
    valid_from  DATE PRIMARY KEY,
    target_pct  DOUBLE NOT NULL CHECK (target_pct > 0 AND target_pct <= 100),
    source      VARCHAR NOT NULL
);

-- UHC status criteria (BPJS, kab/kota level), valid from a date until the next row.
CREATE TABLE uhc_criterion (
    valid_from            DATE PRIMARY KEY,
    min_coverage_pct      DOUBLE NOT NULL,
    min_activity_pct      DOUBLE NOT NULL,
    source                VARCHAR NOT NULL
);

-- Iuran (contribution) in rupiah per person per month, by segment, valid from a date.
CREATE TABLE iuran (
    segment        VARCHAR NOT NULL CHECK (segment IN ('pbi_apbn', 'pbi_apbd', 'ppu', 'pbpu', 'bp')),
    valid_from     DATE NOT NULL,
    idr_per_month  BIGINT NOT NULL CHECK (idr_per_month > 0),
    source         VARCHAR NOT NULL,
    PRIMARY KEY (segment, valid_from)
);

-- PBI quota (people) for a region and year, where known (e.g. Kota Serang APBD 2025: 43.000).
CREATE TABLE pbi_quota (
    kemendagri_code VARCHAR NOT NULL REFERENCES region (kemendagri_code),
    year            INTEGER NOT NULL,
    segment         VARCHAR NOT NULL CHECK (segment IN ('pbi_apbn', 'pbi_apbd')),
    quota           BIGINT NOT NULL CHECK (quota >= 0),
    source          VARCHAR NOT NULL,
    PRIMARY KEY (kemendagri_code, year, segment)
);
