-- Migration 9: the resident table without its foreign key to region. DuckDB checked the key row by
-- row through the region index: at a city's scale (2,4 million residents) that check was a third
-- of the register import's time. The reader only gives a resident a kelurahan code it found in the
-- store's region tree (uhc/intake/people/table.py), and uhc/cli/people.py store_people refuses,
-- inside the import's transaction, rows whose code is not a stored kelurahan
-- (queries/unknown_region_codes.sql), so the guarantee stands. DuckDB cannot drop a constraint:
-- the table is made again and its rows copied as they are (pseudonyms and ciphertexts unchanged).

CREATE TABLE resident_copy (
    batch_id           INTEGER NOT NULL,      -- import_batch of kind 'register'
    source_row         INTEGER NOT NULL,      -- the row in the file (Excel row or CSV line)
    nik_pseudonym      VARCHAR,               -- 64 hex digits; null when the NIK is not 16 digits
    kk_pseudonym       VARCHAR,               -- 64 hex digits; null when the file gives no KK
    name_encrypted     BLOB,
    address_encrypted  BLOB,
    sex                VARCHAR CHECK (sex IN ('male', 'female')),  -- as stated in the file
    birth_date         DATE,                  -- as stated in the file
    rt                 VARCHAR,
    rw                 VARCHAR,
    relationship       VARCHAR,               -- hubungan dalam KK, as written
    kemendagri_code    VARCHAR NOT NULL,      -- the kelurahan (a stored region: see above)
    nik_category       VARCHAR NOT NULL,      -- uhc.core.nik.CATEGORIES
    identity_pseudonym VARCHAR,
    life_status        VARCHAR,               -- 'died', 'moved' or null (a resident)
    PRIMARY KEY (batch_id, source_row)
);

INSERT INTO resident_copy BY NAME SELECT * FROM resident;
DROP TABLE resident;
ALTER TABLE resident_copy RENAME TO resident;
