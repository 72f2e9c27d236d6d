-- One row per code of $codes (a list of texts) that is not a stored kelurahan/desa: code.
SELECT code
FROM unnest($codes) AS given(code)
WHERE code NOT IN (SELECT kemendagri_code FROM region WHERE level = 'kelurahan')
ORDER BY code
