-- One row per segment and date the iuran changed: segment, valid_from, idr_per_month (rupiah
-- per person per month), source.
SELECT segment, valid_from, idr_per_month, source FROM iuran ORDER BY segment, valid_from
