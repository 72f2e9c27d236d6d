-- One row per dated arrears rule: valid_from (DATE), max_arrears_months (the most months of
-- arrears BPJS Kesehatan counts to reactivate a PBPU participant), source.
SELECT valid_from, max_arrears_months, source FROM arrears_rule ORDER BY valid_from
