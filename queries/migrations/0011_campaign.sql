-- Migration 11: door to door, part 2 (issue 13): what the cadres' lists print and what comes back.
-- Private by construction like migrations 7 and 8 (UU 27/2022).

-- The NIK as a cadre's sheet prints it, masked ('6171' + eight dots + the last four digits),
-- encrypted with the city key like the name: the sheet helps a cadre tell two people of one name
-- apart without the store holding any part of a NIK in clear. Null for rows imported before this
-- migration (their sheets leave the NIK out) and for rows without a 16-digit NIK.
ALTER TABLE resident ADD COLUMN nik_masked_encrypted BLOB;
ALTER TABLE participant ADD COLUMN nik_masked_encrypted BLOB;

-- The months of arrears a BPJS list gives for a non-active PBPU participant (as written; the arrears
-- rule's cap is applied when they are priced). Null when the list has no such column.
ALTER TABLE participant ADD COLUMN arrears_months INTEGER;  -- >= 0: the reader refuses anything else (DuckDB adds no CHECK to a column)

-- The results of the visits, as the filled sheets bring them back. Each upload is an import_batch
-- of kind 'results'; a person's result in force is the one of the newest batch that gives one. The
-- person is a match_person row of the run whose list the sheet came from (side, batch, row); the
-- cadres' free notes are not stored (they may name people). Personal (what became of a resident):
-- deleted by `register purge` with the rows it points to.
CREATE TABLE campaign_result (
    batch_id           INTEGER NOT NULL,      -- import_batch of kind 'results'
    sheet_row          INTEGER NOT NULL,      -- the row in the uploaded sheet
    run_id             INTEGER NOT NULL,      -- match_run the list was made from
    side               VARCHAR NOT NULL CHECK (side IN ('register', 'participant')),
    person_batch       INTEGER NOT NULL,      -- the person's import batch (resident or participant)
    person_row         INTEGER NOT NULL,      -- the person's source_row in that batch
    kemendagri_code    VARCHAR NOT NULL,      -- the kelurahan of the list
    rw                 VARCHAR,
    rt                 VARCHAR,
    result             VARCHAR NOT NULL,      -- uhc.core.campaign.RESULTS
    segment            VARCHAR,               -- enrolled / reactivated: uhc.figures.SEGMENTS code
    result_date        DATE NOT NULL,         -- the day of the visit (of the enrolment, when enrolled)
    cadre              VARCHAR,               -- the cadre team as written on the sheet
    PRIMARY KEY (batch_id, sheet_row)
);
