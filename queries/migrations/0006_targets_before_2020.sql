-- Migration 6: the coverage target in force before 2020, as a dated row (issue 10, item 9).
--
-- RPJMN 2015-2019 (Perpres No. 2 Tahun 2015, 8 January 2015) set the JKN coverage target at
-- "cakupan kepesertaan JKN minimal 95%" of the population by 2019, the goal the Peta Jalan JKN
-- 2012-2019 had named UHC. Where this was checked: the Rancangan Awal RPJMN 2015-2019, health
-- chapter, indicator "Kepesertaan SJSN kesehatan (persen)": 51,2 at 31 October 2014, target 95 in
-- 2019 (text-id.123dok.com/document/4zpk766vy-kesehatan-dan-gizi-masyarakat.html, p. 208);
-- Kompasiana, 20 March 2018 (T. D. Ardyanto): "RPJMN 2015-2019 ... paling sedikit 95% warga
-- negara menjadi Peserta JKN" (Perpres 2/2015); suarasurabaya.net, 4 January 2019: BPJS Kesehatan
-- Jawa Timur calls 95% in 2019 the government's UHC target. The Perpres text itself was not read.
--
-- 2014, JKN's first year (from 1 January 2014, before the RPJMN was set), gets no row on purpose:
-- no coverage target in percent was in force then, and the outputs say so in words.
-- OR IGNORE: a store that already holds a target dated 2015-01-01 keeps its own.

INSERT OR IGNORE INTO coverage_target (valid_from, target_pct, source) VALUES
    (DATE '2015-01-01', 95.0, 'RPJMN 2015-2019 (Perpres 2/2015): cakupan kepesertaan JKN minimal 95% by 2019');
