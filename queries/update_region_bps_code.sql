-- Sets the BPS code of the region $kemendagri_code to $bps_code (digits: 2 province, 4 kab/kota,
-- 7 kecamatan, 10 kelurahan/desa), as a crosswalk file gives it.
UPDATE region SET bps_code = $bps_code WHERE kemendagri_code = $kemendagri_code
