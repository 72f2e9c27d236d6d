-- Migration 8: the BPJS participant list, programme lists and the matching of them against the
-- resident register, private by construction like migration 7 (UU 27/2022): NIK, KK and card
-- numbers only as keyed pseudonyms, names and addresses only encrypted with the city key.

-- The fallback identity (keyed pseudonym of the normalised name and birth date, for rows without a
-- usable NIK) and what the register says of residents who died or moved out.
ALTER TABLE resident ADD COLUMN identity_pseudonym VARCHAR;
ALTER TABLE resident ADD COLUMN life_status VARCHAR;  -- 'died', 'moved' or null (a resident)

-- Matching joins by hash, never by index; an ART index over millions of random 64-hex pseudonyms
-- made a register import spend most of its time maintaining it.
DROP INDEX resident_nik;

CREATE TABLE participant (
    batch_id           INTEGER NOT NULL,      -- import_batch of kind 'participants'
    source_row         INTEGER NOT NULL,
    nik_pseudonym      VARCHAR,               -- null when the NIK is missing or not 16 digits
    card_pseudonym     VARCHAR,               -- the JKN card number (noKartu, 13 digits), keyed
    identity_pseudonym VARCHAR,
    name_encrypted     BLOB,
    sex                VARCHAR CHECK (sex IN ('male', 'female')),
    birth_date         DATE,
    segment            VARCHAR NOT NULL,      -- uhc.figures.SEGMENTS code: pbi_apbn, pbi_apbd, ppu, pbpu, bp
    active             BOOLEAN NOT NULL,
    inactive_reason    VARCHAR,               -- as written (menunggak, PBI dinonaktifkan, ...)
    fktp_code          VARCHAR,
    address_code       VARCHAR,               -- the address's kelurahan/desa code (10 digits), any kab/kota
    kemendagri_code    VARCHAR,               -- the city's kelurahan of that address, null if elsewhere or none
    nik_category       VARCHAR NOT NULL,      -- uhc.core.nik.CATEGORIES
    PRIMARY KEY (batch_id, source_row)
);

CREATE TABLE programme_member (
    batch_id           INTEGER NOT NULL,      -- import_batch of kind 'programme'
    source_row         INTEGER NOT NULL,
    programme          VARCHAR NOT NULL,      -- the list's name as given (--name): "PBI APBD 2026", "PKH"
    nik_pseudonym      VARCHAR,
    kk_pseudonym       VARCHAR,
    nik_category       VARCHAR NOT NULL,      -- 'missing' for a list by KK only
    PRIMARY KEY (batch_id, source_row)
);

-- One run of `uhc match`: which register and list it matched, who ran it and when.
CREATE TABLE match_run (
    run_id             INTEGER PRIMARY KEY,
    register_batch     INTEGER NOT NULL,
    participant_batch  INTEGER NOT NULL,
    made_at            TIMESTAMP NOT NULL,
    made_by            VARCHAR NOT NULL,
    purged_at          TIMESTAMP              -- when `register purge` deleted its personal rows
);

-- Each person's categories in a run (a person may be in several: a duplicate to visit). Personal:
-- deleted by `register purge` with the rows it points to.
CREATE TABLE match_person (
    run_id             INTEGER NOT NULL,
    side               VARCHAR NOT NULL CHECK (side IN ('register', 'participant', 'programme')),
    batch_id           INTEGER NOT NULL,
    source_row         INTEGER NOT NULL,
    category           VARCHAR NOT NULL,      -- uhc.core.matching.CATEGORIES
    segment            VARCHAR,               -- for to_reactivate: the participant's segment
    kemendagri_code    VARCHAR,
    rw                 VARCHAR,
    rt                 VARCHAR,
    PRIMARY KEY (run_id, side, batch_id, source_row, category)
);

-- The counts of a run per kelurahan, RW and RT, category and segment: not personal, kept by purge.
CREATE TABLE match_count (
    run_id             INTEGER NOT NULL,
    kemendagri_code    VARCHAR,
    rw                 VARCHAR,
    rt                 VARCHAR,
    category           VARCHAR NOT NULL,
    segment            VARCHAR,
    persons            INTEGER NOT NULL,
    families           INTEGER                -- distinct KK among them, where the register gives one
);

-- Every list of people produced or read: who, when, which area (UU 27/2022 accountability).
CREATE TABLE list_audit (
    happened_at        TIMESTAMP NOT NULL,
    user_name          VARCHAR NOT NULL,
    action             VARCHAR NOT NULL,      -- register import, participants import, match, list, purge ...
    kemendagri_code    VARCHAR,               -- the area (a kelurahan, kecamatan or the city); null: all
    persons            INTEGER,
    detail             VARCHAR                -- the file name or list name; never a personal value
);
