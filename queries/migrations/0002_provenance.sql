-- Migration 2: where the data came from (import batches), store-wide settings and the
-- display geometry of regions.

CREATE SEQUENCE import_batch_id START 1;

CREATE TABLE import_batch (
    batch_id     INTEGER PRIMARY KEY DEFAULT nextval('import_batch_id'),
    kind         VARCHAR NOT NULL,         -- demo, gazetteer, coverage, population, boundaries
    file_name    VARCHAR,
    sha256       VARCHAR,
    row_count    BIGINT NOT NULL DEFAULT 0,
    imported_by  VARCHAR NOT NULL,
    imported_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    note         VARCHAR
);

ALTER TABLE coverage_snapshot ADD COLUMN batch_id INTEGER;
ALTER TABLE population ADD COLUMN batch_id INTEGER;

-- Free-form settings: key -> value as text (e.g. dataset = demo).
CREATE TABLE setting (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- Display geometry per region, EPSG:4326, as WKB. schematic = drawn by the project, not real.
CREATE TABLE region_geometry (
    kemendagri_code VARCHAR PRIMARY KEY REFERENCES region (kemendagri_code),
    geometry_wkb    BLOB NOT NULL,
    schematic       BOOLEAN NOT NULL,
    source          VARCHAR NOT NULL
);
