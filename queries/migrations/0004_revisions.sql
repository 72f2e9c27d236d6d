-- Migration 4: revisions of imported figures. coverage_snapshot and population keep only the
-- figures in force (the gap queries read nothing else, so they stay as fast as before); every
-- figure an import or a restore wrote, and every figure an import replaced, is kept in a
-- revision table under the batch that wrote it, so an earlier revision can be made current again.
--
-- The scope of a coverage import is (kab/kota, month): its file's figures replace every figure
-- under that kab/kota for that month. The scope of a population import is (kab/kota, as_of).
-- A batch's figures are in force while coverage_snapshot / population rows carry its batch_id.

-- city_code: the kab/kota the batch is about (NULL for store-wide batches such as the national demo);
-- restores_batch_id: for kind 'restore', the batch whose figures it made current again;
-- report_json: the validation report and what changed, as JSON text.
ALTER TABLE import_batch ADD COLUMN city_code VARCHAR;
ALTER TABLE import_batch ADD COLUMN restores_batch_id INTEGER;
ALTER TABLE import_batch ADD COLUMN report_json VARCHAR;

-- One row per coverage figure a batch wrote or had replaced: the columns of coverage_snapshot.
CREATE TABLE coverage_revision (
    batch_id            INTEGER NOT NULL,
    kemendagri_code     VARCHAR NOT NULL,
    period              DATE NOT NULL,
    registered          BIGINT NOT NULL,
    active              BIGINT,
    pbi_apbn_registered BIGINT,
    pbi_apbd_registered BIGINT,
    ppu_registered      BIGINT,
    pbpu_registered     BIGINT,
    bp_registered       BIGINT,
    pbi_apbn_active     BIGINT,
    pbi_apbd_active     BIGINT,
    ppu_active          BIGINT,
    pbpu_active         BIGINT,
    bp_active           BIGINT,
    source              VARCHAR NOT NULL,
    PRIMARY KEY (batch_id, kemendagri_code, period)
);

-- One row per population figure a batch wrote or had replaced: the columns of population.
CREATE TABLE population_revision (
    batch_id        INTEGER NOT NULL,
    kemendagri_code VARCHAR NOT NULL,
    as_of           DATE NOT NULL,
    population      BIGINT NOT NULL,
    source          VARCHAR NOT NULL,
    PRIMARY KEY (batch_id, kemendagri_code, as_of)
);

-- Figures stored before batches were recorded (schema version 1) belong to batch 0, so that
-- when an import replaces them they are kept like any other revision.
INSERT INTO import_batch (batch_id, kind, row_count, imported_by, note)
SELECT 0, 'legacy', count(*), 'migration 4', 'Figures stored before import batches were recorded'
FROM (
    SELECT 1 FROM coverage_snapshot WHERE batch_id IS NULL
    UNION ALL
    SELECT 1 FROM population WHERE batch_id IS NULL
)
HAVING count(*) > 0;
