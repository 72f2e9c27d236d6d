-- Migration 7: the resident register (Dukcapil extract), private by construction (UU 27/2022).
-- No NIK, KK number, name or address is stored in clear: NIK and KK as keyed pseudonyms
-- (HMAC-SHA256 under the city key, uhc/store/keys.py), name and address AES-256-GCM encrypted.

CREATE TABLE resident (
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
    kemendagri_code    VARCHAR NOT NULL REFERENCES region (kemendagri_code),  -- the kelurahan
    nik_category       VARCHAR NOT NULL,      -- uhc.core.nik.CATEGORIES
    PRIMARY KEY (batch_id, source_row)
);

CREATE INDEX resident_nik ON resident (nik_pseudonym);
