"""Bahasa Indonesia / English strings and Indonesian number formats (via Babel)."""

from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_date, format_datetime, format_timedelta
from babel.numbers import format_compact_decimal, format_decimal

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

STRINGS: dict[str, dict[str, str]] = {
    "id": {
        "app_title": "Dasbor Cakupan JKN",
        "page_overview": "Ringkasan",
        "language": "Bahasa",
        "city": "Kota/Kabupaten",
        "period": "Bulan",
        "overview_heading": "Cakupan JKN {city}, {period}",
        "kpi_coverage": "Cakupan kepesertaan",
        "kpi_activity": "Keaktifan",
        "kpi_active_coverage": "Cakupan aktif",
        "kpi_people_needed": "Perlu didaftarkan",
        "kpi_annual_cost": "Biaya per tahun",
        "help_coverage": "Peserta terdaftar (aktif + non-aktif) dibagi jumlah penduduk Dukcapil.",
        "help_activity": "Peserta aktif dibagi peserta terdaftar.",
        "help_active_coverage": "Peserta aktif dibagi jumlah penduduk.",
        "help_people_needed": "Tambahan peserta agar cakupan mencapai target {target}.",
        "help_annual_cost": "Penduduk yang perlu didaftarkan x iuran Pemda {iuran} per bulan x 12 bulan.",
        "vs_last_month": "{change} dari bulan lalu",
        "vs_last_year": "{change} dari setahun lalu",
        "in_points": "{value} poin",
        "in_people": "{value} orang",
        "uhc_missing": "Untuk status UHC masih kurang {missing}.",
        "uhc_missing_registered": "{count} peserta terdaftar (cakupan)",
        "uhc_missing_active": "{count} peserta aktif (keaktifan)",
        "uhc_missing_and": " dan ",
        "status_uhc": "UHC: cakupan {coverage} (syarat ≥ {min_coverage}) dan keaktifan {activity} (syarat ≥ {min_activity}).",
        "status_not_uhc": "Belum UHC: cakupan {coverage} (syarat ≥ {min_coverage}), keaktifan {activity} (syarat ≥ {min_activity}).",
        "status_no_data": "Status UHC tidak dapat dihitung: data penduduk atau peserta aktif belum ada.",
        "projection_reached": "Target {target} sudah tercapai.",
        "projection_projected": "Dengan laju 12 bulan terakhir, target {target} tercapai pada {month}.",
        "projection_not_at_current_pace": "Dengan laju 12 bulan terakhir, target {target} tidak tercapai.",
        "projection_insufficient_history": "Proyeksi belum dapat dihitung: perlu data 12 bulan sebelumnya.",
        "projection_no_data": "Proyeksi belum dapat dihitung: data penduduk belum ada.",
        "table_heading": "Kecamatan menurut penduduk yang perlu didaftarkan",
        "table_note": "Kebutuhan tingkat kota dihitung dari total kota: kecamatan dengan cakupan di atas "
        "100% (peserta terdaftar di luar domisili) dapat menutupi kekurangan kecamatan lain.",
        "col_name": "Wilayah",
        "col_code": "Kode Kemendagri",
        "col_population": "Penduduk",
        "col_registered": "Terdaftar",
        "col_active": "Aktif",
        "col_coverage": "Cakupan",
        "col_activity": "Keaktifan",
        "col_people_needed": "Perlu didaftarkan",
        "col_annual_cost": "Biaya/tahun",
        "col_status": "Status UHC",
        "uhc": "UHC",
        "not_uhc": "Belum UHC",
        "no_data": "Tidak ada data",
        "source_line": "Sumber: BPJS Kesehatan (peserta), Dukcapil {semester} (penduduk).",
        "demo_notice": (
            "Data demo: angka tingkat kota mengikuti angka Kota Pontianak yang dipublikasikan; "
            "angka kecamatan dan kelurahan sintetis (buatan), bukan data resmi; peta demo skematis, "
            "bukan batas wilayah resmi."
        ),
        "empty_store": "Belum ada data. Jalankan `python -m uhc init --demo` untuk kota demo, "
        "atau `python -m uhc init --city KODE` lalu impor data BPJS.",
        "no_period_data": "Tidak ada data untuk {city} pada {period}.",
        "no_population": "Jumlah penduduk belum ada untuk bulan ini: cakupan tidak dapat dihitung.",
        "store_error": "Penyimpanan data tidak dapat dibuka. {reason}",
        "month_incomplete": "Data {period} belum lengkap: {missing} dari {expected} kelurahan tidak ada ({names}). "
        "Angka kecamatan dan kota bulan ini hanya menjumlahkan kelurahan yang ada, jadi lebih rendah dari "
        "sebenarnya. Impor rekap yang lengkap di halaman Data.",
        "period_not_in_store": "Tidak ada data untuk {city} pada {period}; yang ditampilkan {shown}, bulan terakhir yang ada.",
        # -- map page (pages/peta.py) --
        "page_map": "Peta",
        "map_heading": "Peta cakupan {city}, {period}",
        "map_view_city": "{level} di {city}",
        "map_view_kecamatan": "Kelurahan di Kecamatan {kecamatan}",
        "map_metric": "Ukuran",
        "map_metric_change_12m": "Perubahan cakupan 12 bulan",
        "map_level": "Tingkat",
        "map_level_kecamatan": "Kecamatan",
        "map_level_kelurahan": "Kelurahan",
        "map_scheme": "Kelas warna",
        "map_scheme_policy": "Kebijakan (95% dan 98%)",
        "map_scheme_quantile": "Kuartil",
        "map_scheme_help": "Kebijakan: di bawah 95%, 95–98% dan ≥ 98% (target). Kuartil: tiap kelas memuat "
        "kira-kira seperempat wilayah, untuk membandingkan wilayah satu sama lain.",
        "map_scheme_quantile_only": "Warna menurut kuartil: tiap kelas memuat kira-kira seperempat wilayah. "
        "Kelas kebijakan 95% dan 98% hanya untuk cakupan.",
        "map_class_below_95": "di bawah 95%",
        "map_class_95_to_98": "95–98%",
        "map_class_target_met": "≥ 98%",
        "map_class_no_data": "tidak ada data",
        "map_basemap": "Peta jalan",
        "map_basemap_help": "Menampilkan peta jalan di bawah wilayah. Perlu internet: gambar peta diunduh dari "
        "OpenStreetMap. Tanpa internet biarkan mati.",
        "map_kecamatan": "Pilih kecamatan",
        "map_whole_city": "Seluruh kota",
        "map_back_help": "Kembali ke peta seluruh kota",
        "map_click_hint": "Klik kecamatan di peta, atau pilih di samping, untuk melihat kelurahannya.",
        "map_schematic": "Peta skematis (demo), bukan batas resmi.",
        "map_no_boundaries": "Belum ada batas wilayah {level} untuk {city}, jadi peta belum dapat digambar. "
        "Impor berkas batas (GeoJSON, Shapefile atau GeoPackage) dengan "
        "`python -m uhc import boundaries BERKAS` saat dasbor tidak berjalan, lalu buka lagi halaman ini. "
        "Angkanya tetap ada di tabel di bawah.",
        "map_missing_shapes": "{count} wilayah belum punya batas dan tidak tampak di peta: {names}.",
        "map_no_level_data": "Data {period} tidak dirinci sampai tingkat kelurahan; pilih tingkat kecamatan.",
        "map_hover_code": "Kode Kemendagri",
        "map_table_heading": "Angka per wilayah",
        "map_overview_heading": "Peta cakupan kecamatan",
        "map_overview_caption": "Warna menurut kebijakan: di bawah 95%, 95–98%, ≥ 98% (target). "
        "Peta lengkap dan kelurahan di halaman Peta.",
        # -- trends page (pages/tren.py) --
        "trend_page": "Tren",
        "trend_heading": "Tren cakupan JKN {city} sampai {period}",
        "trend_kecamatan": "Kecamatan yang dibandingkan dengan kota",
        "trend_city_only": "Tidak ada (kota saja)",
        "trend_until": "Grafik berakhir pada bulan yang dipilih di samping ({period}); bulan sesudahnya tidak ditampilkan.",
        "trend_coverage_title": "Cakupan kepesertaan JKN, {region}",
        "trend_title_and": "{city} dan {kecamatan}",
        "trend_segments_title": "Peserta terdaftar menurut segmen, {region}",
        "trend_activity_title": "Keaktifan peserta JKN, {region}",
        "trend_axis_coverage": "Cakupan",
        "trend_axis_registered": "Peserta terdaftar",
        "trend_axis_activity": "Keaktifan",
        "trend_target": "Target cakupan",
        "trend_target_hover": "Target cakupan {month}: {target}",
        "trend_uhc_band": "Zona UHC (cakupan ≥ syarat)",
        "trend_uhc_band_hover": "Syarat UHC {month}: cakupan ≥ {min_coverage}",
        "trend_activity_criterion": "Syarat keaktifan UHC",
        "trend_activity_criterion_hover": "Syarat UHC {month}: keaktifan ≥ {min_activity}",
        "trend_coverage_hover": "<b>{region}</b>, {month}<br>Cakupan {coverage}<br>{registered} terdaftar dari {population} penduduk",
        "trend_activity_hover": "<b>{region}</b>, {month}<br>Keaktifan {activity}<br>{active} aktif dari {registered} terdaftar",
        "trend_figure_title": "{figure}, {region}",
        "trend_figure_hover": "<b>{region}</b>, {month}<br>{figure}: {value}",
        "trend_segment_hover": "<b>{segment}</b>, {month}<br>{count} peserta ({share} dari yang terdaftar)",
        "trend_projection": "Proyeksi {region}",
        "trend_projection_hover": "<b>{region}</b>: dengan laju {pace} poin per bulan, target {target} tercapai pada {month}",
        "trend_projection_caption": "{region}: {sentence}",
        "trend_projection_note": "Garis putus-putus: proyeksi dengan laju 12 bulan terakhir sampai bulan target tercapai.",
        "trend_semester": "Data penduduk baru (Dukcapil)",
        "trend_semester_hover": "Penduduk {semester} (Dukcapil) mulai dipakai pada {month}: {population} jiwa",
        "trend_segment_pbi_apbn": "PBI APBN",
        "trend_segment_pbi_apbd": "PBI APBD/Pemda",
        "trend_segment_ppu": "PPU",
        "trend_segment_pbpu": "PBPU/Mandiri",
        "trend_segment_bp": "BP",
        "trend_segments_note": "Bulan tanpa data segmen dibiarkan kosong, tidak dihitung nol.",
        "trend_no_series": "Tidak ada data untuk digambar.",
        "trend_needs_months": "Baru ada data satu bulan untuk {region}: tren perlu data beberapa bulan.",
        "trend_no_population": "Jumlah penduduk {region} belum ada untuk {period}: cakupan tidak dapat dihitung.",
        "trend_no_kecamatan_data": "Tidak ada data {region} pada {period}.",
        # -- gap and budget planner (pages/anggaran.py) --
        "plan_page": "Kesenjangan & Anggaran",
        "plan_heading": "Kesenjangan & anggaran {city}, {period}",
        "plan_intro": "Ubah skenario di bawah: angka di halaman ini dihitung ulang, data tersimpan tidak berubah.",
        "plan_scenario": "Skenario",
        "plan_target": "Target cakupan",
        "plan_target_other": "Lainnya",
        "plan_target_custom": "Target lainnya (%)",
        "plan_target_custom_help": 'Dipakai bila target "Lainnya" dipilih. Target berlaku: {target}.',
        "plan_level": "Tingkat wilayah",
        "plan_level_kecamatan": "Kecamatan",
        "plan_level_kelurahan": "Kelurahan",
        "plan_iuran": "Iuran per orang per bulan (Rp)",
        "plan_iuran_help": "Iuran Pemda (PBI APBD) yang berlaku pada {period}: {iuran}.",
        "plan_months": "Bulan dibiayai",
        "plan_budget": "Anggaran (Rp)",
        "plan_budget_help": "Dalam rupiah, misalnya 2000000000 untuk Rp2 miliar.",
        "plan_budget_shown": "Anggaran: {budget} ({budget_full}); iuran {iuran} per bulan.",
        "plan_arrears": "Tunggakan dibayar (bulan)",
        "plan_arrears_help": "Peserta non-aktif aktif kembali setelah membayar tunggakan, "
        "paling banyak {cap} bulan (aturan BPJS Kesehatan).",
        "plan_kpi_people_needed": "Perlu didaftarkan (kota)",
        "plan_kpi_enrolment_cost": "Biaya {months} bulan",
        "plan_kpi_people_funded": "Dibiayai anggaran",
        "plan_kpi_non_active": "Peserta non-aktif",
        "plan_kpi_reactivation_cost": "Biaya reaktivasi",
        "plan_need_sentence": "Untuk target {target}, {people} penduduk {city} perlu didaftarkan; "
        "dengan iuran {iuran} per bulan biayanya {cost} untuk {months} bulan.",
        "plan_need_none": "Cakupan {city} sudah mencapai target {target}: di tingkat kota tidak ada penduduk "
        "yang perlu didaftarkan.",
        "plan_need_no_data": "Kebutuhan tidak dapat dihitung: jumlah penduduk belum ada untuk bulan ini.",
        "plan_budget_zero": "Isi anggaran untuk melihat berapa orang yang dapat dibiayai.",
        "plan_budget_sentence": "{budget} membiayai {people} orang selama {months} bulan.",
        "plan_budget_city_closed": "Cukup untuk seluruh kebutuhan kota ({people} orang), tersisa {left}.",
        "plan_budget_city_short": "Kebutuhan kota masih kurang {people} orang ({cost}).",
        "plan_budget_regions": "Menurut urutan kebutuhan terbesar, anggaran menutup penuh {closed} dari {short} "
        "{level} yang masih kurang.",
        "plan_worklist_heading": "Daftar kerja: {level} menurut penduduk yang perlu didaftarkan",
        "plan_worklist_note": "Biaya = perlu didaftarkan × iuran × bulan dibiayai. Anggaran dibagikan menurut "
        "urutan tabel, kebutuhan terbesar lebih dulu. Kebutuhan kota dihitung dari total kota, sehingga dapat "
        "lebih kecil dari jumlah kebutuhan wilayah (wilayah dengan cakupan di atas 100% menutupi yang lain).",
        "plan_col_target": "Target",
        "plan_col_enrolment_cost": "Biaya {months} bulan",
        "plan_col_non_active": "Non-aktif",
        "plan_col_reactivation_cost": "Reaktivasi {arrears_months} bulan",
        "plan_col_budget_people": "Dibiayai",
        "plan_col_budget_status": "Status anggaran",
        "plan_budget_closed": "Terdanai penuh",
        "plan_budget_partial": "Sebagian",
        "plan_budget_not_reached": "Tidak terdanai",
        "plan_budget_none_needed": "Tidak perlu",
        "plan_budget_no_data": "Tidak ada data",
        "plan_download_csv": "Unduh CSV",
        "plan_download_xlsx": "Unduh XLSX",
        "plan_file_stem": "daftar_kerja",
        "plan_quota_heading": "Kuota PBI APBD {year}",
        "plan_quota_input": "Kuota PBI APBD {year} (orang)",
        "plan_quota_input_help": "Kuota tersimpan: {quota}. Ubah untuk skenario; data tersimpan tidak berubah.",
        "plan_quota_missing": "Belum ada kuota PBI APBD untuk {city} tahun {year}. Ketik kuota di atas sebagai "
        "skenario, atau simpan kuota resmi: `python -m uhc quota --city {code} --year {year} --quota JUMLAH "
        '--source "SUMBER"` (saat dasbor tidak berjalan).',
        "plan_quota_source": "Sumber kuota: {source}.",
        "plan_quota_scenario": "Kuota skenario (diketik di halaman ini).",
        "plan_quota_no_segments": "Jumlah peserta PBI APBD belum ada untuk {period}: pemakaian kuota tidak dapat "
        "dihitung.",
        "plan_kpi_quota_registered": "Terdaftar PBI APBD",
        "plan_kpi_quota": "Kuota",
        "plan_kpi_quota_remaining": "Sisa kuota",
        "plan_quota_sentence": "{registered} dari kuota {quota} terisi ({used}); sisa {remaining} orang.",
        "plan_quota_over": "{registered} peserta terdaftar, melebihi kuota {quota} sebanyak {over} orang.",
        "plan_quota_need_fits": "Sisa kuota cukup untuk {people} penduduk yang perlu didaftarkan.",
        "plan_quota_need_exceeds": "Kebutuhan {people} orang melebihi sisa kuota sebanyak {over} orang.",
        "plan_reactivation_heading": "Reaktivasi peserta non-aktif",
        "plan_reactivation_sentence": "{non_active} peserta terdaftar di {city} tidak aktif. Mengaktifkan kembali "
        "semuanya dengan tunggakan {months} bulan × iuran {iuran} membutuhkan {cost}.",
        "plan_reactivation_note": "Perkiraan: setiap peserta non-aktif dianggap menunggak sebanyak bulan yang "
        "dipilih; tunggakan dihitung paling banyak {cap} bulan.",
        "plan_reactivation_no_data": "Jumlah peserta aktif belum ada untuk bulan ini: biaya reaktivasi tidak dapat "
        "dihitung.",
        "plan_no_level_data": "Data {period} tidak dirinci sampai tingkat {level}: pilih tingkat wilayah lain.",
        "plan_iuran_missing": "Belum ada iuran yang berlaku pada {period}: ketik iuran di atas.",
        # -- imports, history, login (pages/data.py) --
        "page_data": "Data",
        "data_heading": "Data {city}: impor dan riwayat",
        "login_heading": "Masuk untuk mengimpor data",
        "login_intro": "Melihat dasbor tidak perlu masuk. Impor dan pemulihan data hanya untuk editor.",
        "login_user": "Nama pengguna",
        "login_password": "Kata sandi",
        "login_submit": "Masuk",
        "login_wrong": "Nama pengguna atau kata sandi salah.",
        "login_wrong_wait": "Nama pengguna atau kata sandi salah. Terlalu banyak percobaan gagal: "
        "coba lagi dalam {wait}.",
        "login_wait": "Terlalu banyak percobaan gagal untuk nama ini. Coba lagi dalam {wait}.",
        "login_no_account": "Belum punya akun? Admin membuatnya dengan `python -m uhc users add NAMA --role editor`.",
        "login_as": "Masuk sebagai **{user}** ({role})",
        "login_role_editor": "editor",
        "login_role_admin": "admin",
        "login_logout": "Keluar",
        "data_store_busy": "Perubahan tidak dapat disimpan sekarang: penyimpanan data sedang dibuka oleh {holder}. "
        "Tutup program itu atau tunggu sampai selesai, lalu coba lagi. Tidak ada yang berubah.",
        "data_busy_dashboard": "server dasbor lain (PID {pid})",
        "data_busy_cli": "perintah `python -m uhc` (PID {pid})",
        "data_busy_other": "program lain (PID {pid})",
        "data_intro": "Impor rekap cakupan BPJS, jumlah penduduk Dukcapil atau batas wilayah. Setiap berkas "
        "diperiksa dulu; tidak ada yang disimpan sebelum Anda menekan Simpan.",
        "data_import_heading": "Impor data",
        "data_city": "Kota/kabupaten tujuan",
        "data_kind": "Jenis data",
        "data_kind_coverage": "Rekap cakupan (BPJS)",
        "data_kind_population": "Jumlah penduduk (Dukcapil)",
        "data_kind_boundaries": "Batas wilayah (peta)",
        "data_upload_table": "Berkas CSV atau Excel",
        "data_upload_boundaries": "Berkas GeoJSON, Shapefile dalam .zip, atau GeoPackage",
        "data_upload_help": "Paling besar {limit} MB.",
        # Streamlit's own English texts of its file uploader and text inputs (uhc/ui/widgets.py)
        "streamlit_upload_button": "Unggah",
        "streamlit_upload_limit": "Paling besar {limit} MB per berkas",
        "streamlit_upload_drop": "Letakkan berkas di sini",
        "streamlit_input_apply": "Tekan Enter untuk menerapkan",
        "streamlit_input_submit": "Tekan Enter untuk mengirim",
        "data_too_large": "Berkas {file} berukuran {size} MB, melebihi batas {limit} MB. Simpan hanya lembar dan "
        "kolom yang diperlukan, atau minta admin menaikkan server.maxUploadSize di .streamlit/config.toml.",
        "data_sheet": "Lembar kerja",
        "data_period": "Bulan data",
        "data_period_help": "Untuk berkas tanpa kolom bulan. Bila tidak dipilih, bulan diambil dari kolom bulan "
        "atau dari judul berkas.",
        "data_period_from_file": "Dari berkas",
        "data_as_of": "Tanggal data penduduk",
        "data_as_of_help": "Semester Dukcapil: 30 Juni (S1) atau 31 Desember (S2).",
        "data_mapping_heading": "Pemetaan kolom",
        "data_mapping_intro": "Kolom yang diperlukan tidak dikenali atau terbaca dua kali. Pilih kolom berkas "
        "yang berisi data itu.",
        "data_mapping_typed": "Tidak ada baris judul kolom yang dikenali. Ketik judul kolom persis seperti di berkas.",
        "data_mapping_none": "(tidak ada)",
        "data_preview_heading": "Baris yang dibaca",
        "data_preview_caption": "{rows} baris data dibaca (baris judul {header_row}); tampil {shown} baris pertama. "
        "Baris total tidak ikut diimpor.",
        "data_report_heading": "Hasil pemeriksaan",
        "data_no_findings": "Tidak ada kesalahan atau peringatan.",
        "data_errors": "{n} kesalahan: berkas tidak dapat disimpan sebelum diperbaiki.",
        "data_warnings": "{n} peringatan: periksa, lalu simpan bila angkanya benar.",
        "data_changes_heading": "Yang akan berubah",
        "data_confirm": "Simpan",
        "data_confirm_blocked": "Perbaiki kesalahan di atas, lalu unggah berkasnya lagi.",
        "data_saved": "Tersimpan sebagai batch {batch}. Semua halaman kini memakai angka baru.",
        "data_changed_since_check": "Tidak disimpan: angka {city} berubah sejak berkas diperiksa (impor atau "
        "pemulihan lain). Berkas sudah diperiksa ulang di bawah; periksa lagi, lalu simpan.",
        "data_history_heading": "Riwayat impor",
        "data_restore_heading": "Pulihkan revisi lama",
        "data_restore_intro": "Angka dari impor yang sudah diganti dapat diberlakukan lagi. Pemulihan dicatat sebagai "
        "batch baru; tidak ada angka yang dihapus.",
        "data_restore_line": "Batch {batch} · {file} · {summary} · {who}, {when}",
        "data_restore_button": "Pulihkan",
        "data_col_row": "Baris",
        "data_col_day": "Bulan/tanggal",
        "data_col_change": "Perubahan",
        "data_change_added": "baru",
        "data_change_changed": "berubah",
        "data_change_removed": "dihapus",
        "data_change_unchanged": "tetap",
        "data_col_batch": "Batch",
        "data_col_when": "Waktu",
        "data_col_who": "Oleh",
        "data_col_kind": "Jenis",
        "data_col_file": "Berkas",
        "data_col_sha256": "SHA-256",
        "data_col_rows": "Baris",
        "data_col_status": "Status",
        "data_col_summary": "Ringkasan",
        "data_batch_kind_coverage": "cakupan",
        "data_batch_kind_population": "penduduk",
        "data_batch_kind_boundaries": "batas wilayah",
        "data_batch_kind_restore": "pemulihan",
        "data_batch_kind_demo": "demo",
        "data_batch_kind_gazetteer": "daftar wilayah",
        "data_batch_kind_synthetic": "sintetis",
        "data_batch_kind_legacy": "data lama",
        "data_level": "Tingkat wilayah",
        "data_level_guess": "Tebak dari berkas",
        "data_level_kecamatan": "Kecamatan",
        "data_level_kelurahan": "Kelurahan/desa",
        "data_skip_bad": "Simpan yang cocok saja; lewati fitur bermasalah",
        "import_unknown_region": "wilayah “{value}” tidak ada di {city}. Yang paling mirip: {suggestions}. Tulis kode "
        "Kemendagri atau nama wilayah seperti di daftar itu, lalu impor lagi.",
        "import_unknown_code": "kode “{value}” bukan kode wilayah di {city}. Periksa kodenya (Kemendagri seperti "
        "61.71.01.1002, atau BPS), atau tulis nama kecamatan dan kelurahannya, lalu impor lagi.",
        "import_ambiguous_region": "“{value}” dapat berarti beberapa wilayah: {suggestions}. Tulis kode Kemendagri "
        "wilayahnya, atau nama kecamatan di samping nama kelurahan, lalu impor lagi.",
        "import_no_region": "tidak ada kode maupun nama wilayah. Isi kelurahan (atau kecamatan) atau kodenya, atau "
        "hapus baris itu.",
        "import_level_sum_mismatch": "{region} tercatat {figure} dalam berkas ini, tetapi {children} wilayah "
        "di bawahnya dalam berkas yang sama berjumlah {children_sum}. Angka {region} sendiri yang ditampilkan untuk "
        "wilayah itu; periksa baris mana yang benar, lalu impor lagi bila perlu.",
        # -- issue 10, item 3: long layouts (rows per region x sex x year) --
        "import_bad_year": "“{value}” bukan tahun. Tulis tahunnya dengan empat angka (misalnya 2024), lalu impor lagi.",
        "import_several_years": "berkas ini memuat angka beberapa tahun ({years}) dan tidak jelas tahun mana yang "
        "diimpor. Pilih tanggalnya: di baris perintah --as-of {latest}-12-31 (atau --period untuk rekap), di halaman "
        "Data pada kotak tanggal; hanya baris tahun itu yang diimpor.",
        "import_year_not_in_file": "berkas ini memuat tahun {years}, tetapi tanggal yang dipilih {date}. Pilih "
        "tanggal pada salah satu tahun itu, lalu impor lagi.",
        "import_years_left_out": "{rows} baris tahun {years} tidak diimpor: hanya baris tahun {year} (tahun "
        "tanggal yang dipilih).",
        "import_as_of_month_not_in_file": "kolom bulan berkas ini memuat {months}, tetapi tanggal penduduk "
        "yang dipilih {date}. Pilih tanggal pada salah satu bulan itu (misalnya akhir bulannya), lalu impor lagi.",
        "import_months_left_out": "{rows} baris bulan {months} tidak diimpor: hanya baris bulan {month} (bulan "
        "tanggal penduduk yang dipilih).",
        "import_bad_sex": "“{value}” bukan jenis kelamin. Tulis L atau P (Laki-laki/Perempuan), lalu impor lagi.",
        "import_one_sex_only": "{value} hanya memuat baris satu jenis kelamin: jumlahnya baru separuh penduduk. "
        "Tambahkan baris jenis kelamin lainnya, lalu impor lagi.",
        "import_sex_total_mismatch": "baris jumlah wilayah ini ({total}) tidak sama dengan laki-laki + perempuan "
        "({sum}). Baris jumlah yang dipakai; periksa angkanya.",
        "import_sexes_added_up": "{rows} baris menurut jenis kelamin dijumlahkan per wilayah menjadi {regions} "
        "wilayah.",
        "import_similar_name": "“{value}” dibaca sebagai {region} ({region_code}), nama yang paling mirip. Jika "
        "salah, tulis kode Kemendagri wilayah yang dimaksud.",
        "import_duplicate_region": "{region} ({region_code}) sudah ada di baris {first_row}. Satu wilayah hanya boleh "
        "satu baris per bulan: hapus salah satunya, lalu impor lagi.",
        "import_active_above_registered": "peserta aktif {active} lebih banyak dari jumlah peserta {registered}. "
        "Peserta aktif harus sama dengan atau kurang dari jumlah peserta: periksa kedua angka, lalu impor lagi.",
        "import_registered_missing": "jumlah peserta kosong. Isi jumlah peserta (atau peserta aktif dan non aktif), "
        "lalu impor lagi.",
        "import_population_missing": "jumlah penduduk kosong. Isi jumlah penduduk, atau hapus baris itu, lalu impor "
        "lagi.",
        "import_period_missing": "bulan datanya tidak diketahui: berkas tidak punya kolom bulan/periode. Pilih "
        "bulannya (di baris perintah: --period YYYY-MM) atau tambahkan kolom Bulan.",
        "import_period_missing_in_row": "bulannya kosong. Isi bulannya (misalnya 2025-06), lalu impor lagi.",
        "import_period_conflict": "bulan {value} berbeda dengan bulan yang dipilih ({period}); {rows} baris berbeda. "
        "Pilih bulan yang sama dengan berkas, atau perbaiki kolom itu.",
        "import_as_of_missing": "tanggal data penduduk belum dipilih. Pilih tanggalnya (di baris perintah: --as-of "
        "YYYY-MM-DD), misalnya 2025-06-30 untuk Dukcapil semester 1 2025.",
        "import_no_rows": "tidak ada baris data. Periksa lembar kerja dan baris judul kolomnya.",
        "import_registered_above_population": "{region} mencatat {registered} peserta untuk {population} penduduk "
        "dalam berkas ini: cakupan {coverage_pct}, di atas 105%. Periksa jumlah peserta dan penduduk; jika benar "
        "(peserta terdaftar di luar domisili), impor tetap berjalan.",
        "import_registered_above_stored_population": "{region} mencatat {registered} peserta untuk {population} "
        "penduduk yang tersimpan (per {as_of}): cakupan {coverage_pct}, di atas 105%. Periksa jumlah peserta, atau "
        "impor data penduduk yang lebih baru; jika benar (peserta terdaftar di luar domisili), impor tetap berjalan.",
        "import_refused_no_city": "Penyimpanan belum memuat wilayah kab/kota {city}. Tambahkan dulu dengan "
        "`python -m uhc init --city {city}`.",
        "import_refused_errors": "{file} memuat {errors} kesalahan dan tidak diimpor: perbaiki berkasnya (lihat "
        "laporan), lalu impor lagi.",
        "import_refused_changed": "Angka {city} untuk tanggal-tanggal ini berubah di penyimpanan setelah {file} "
        "diperiksa (impor atau pemulihan lain). Periksa berkasnya lagi, lalu impor.",
        "import_refused_no_batch": "Tidak ada batch {batch}. `python -m uhc history` menampilkan daftar batch.",
        "import_refused_nothing_to_restore": "Batch {batch} ({kind}) tidak memuat angka cakupan atau penduduk "
        "untuk dipulihkan.",
        "import_regions_missing_kelurahan": "{period}: {missing} dari {expected} kelurahan kota ini tidak ada "
        "di berkas ({names}). Angka kecamatan dan kota bulan itu hanya menjumlahkan kelurahan yang ada, jadi lebih "
        "rendah dari sebenarnya sampai kelurahan lainnya diimpor; impor tetap berjalan.",
        "import_regions_missing_kecamatan": "{period}: {missing} dari {expected} kecamatan kota ini tidak ada "
        "di berkas ({names}). Angka kota bulan itu hanya menjumlahkan kecamatan yang ada, jadi lebih rendah dari "
        "sebenarnya sampai kecamatan lainnya diimpor; impor tetap berjalan.",
        "import_registered_jump": "jumlah peserta {region} {registered}, berubah {change_pct} dari {previous} pada "
        "{previous_period}. Perubahan lebih dari 10% jarang terjadi: periksa bulan dan wilayahnya; impor tetap "
        "berjalan.",
        "import_kind_coverage": "cakupan",
        "import_kind_population": "penduduk",
        "import_heading": "{file}: data {kind} {city} ({city_code}), {dates}: {rows} baris",
        "import_changes_coverage": "cakupan: {added} baru, {changed} berubah, {removed} dihapus, {unchanged} tetap",
        "import_changes_population": "penduduk per {dates}: {added} baru, {changed} berubah, {removed} dihapus, "
        "{unchanged} tetap",
        "import_replaces": "Menggantikan angka batch {batches}; angka lama tetap tersimpan di riwayat dan dapat "
        "dikembalikan.",
        "import_already": "{file} sudah diimpor sebagai batch {batch}: tidak ada yang berubah.",
        "import_same_figures": "Angka dalam {file} sudah tersimpan (batch {batch}): tidak ada yang berubah.",
        "import_done": "Tersimpan sebagai batch {batch}.",
        "import_dry_run": "Uji coba: tidak ada yang disimpan.",
        "import_refused": "{file} tidak diimpor: {errors} kesalahan. Perbaiki baris yang disebut di bawah, lalu impor "
        "lagi.",
        "import_error": "Kesalahan",
        "import_warning": "Peringatan",
        "import_restored": "Batch {batch} dikembalikan sebagai batch {new}.",
        "import_restore_nothing": "Angka batch {batch} sudah berlaku: tidak ada yang berubah.",
        "import_summary_restore": "mengembalikan batch {batch}",
        "import_summary_warnings": "{n} peringatan",
        "import_status_current": "berlaku",
        "import_status_partly_current": "sebagian berlaku",
        "import_status_restored": "dikembalikan",
        "import_status_superseded": "diganti",
        "import_history_empty": "Belum ada impor.",
        "ingest_where_file": "Berkas “{file}”",
        "ingest_where_sheet": ", lembar “{sheet}”",
        "ingest_where_row": ", baris {row}",
        "ingest_where_column": ", kolom “{column}”",
        "ingest_other": "temuan “{code}”.",
        "ingest_field_region": "wilayah (kode wilayah, kecamatan atau kelurahan)",
        "ingest_field_registered_or_parts": "jumlah peserta (atau peserta aktif dan non aktif)",
        "ingest_field_region_code": "kode wilayah",
        "ingest_field_kecamatan": "kecamatan",
        "ingest_field_kelurahan": "kelurahan/desa",
        "ingest_field_period": "bulan",
        "ingest_field_population": "jumlah penduduk",
        "ingest_field_registered": "jumlah peserta",
        "ingest_field_active": "peserta aktif",
        "ingest_field_inactive": "peserta non aktif",
        "ingest_field_pbi_apbn": "PBI APBN",
        "ingest_field_pbi_apbd": "PBI APBD (didaftarkan Pemda)",
        "ingest_field_ppu": "PPU (pekerja penerima upah)",
        "ingest_field_pbpu": "PBPU (mandiri)",
        "ingest_field_bp": "BP (bukan pekerja)",
        "ingest_reason_empty": "berkasnya kosong",
        "ingest_reason_binary": "isinya bukan teks CSV maupun buku kerja Excel",
        "ingest_reason_pdf": "ini berkas PDF, bukan tabel; ekspor tabelnya ke Excel atau CSV",
        "ingest_reason_excel": "buku kerja Excel ini rusak atau tidak dikenali (mungkin dilindungi kata sandi)",
        "ingest_reason_csv": "susunan CSV-nya tidak wajar (mungkin ada tanda kutip yang tidak ditutup)",
        "ingest_reason_too_large": "berkasnya terlalu besar (lebih dari 50 MB atau 2.000.000 baris)",
        "ingest_reason_internal": "terjadi kesalahan tak terduga saat membaca; kirim berkas ini ke pengelola dasbor",
        # Hostile files (issue 10): limits checked before a file is opened, and the reader's child process.
        "ingest_reason_sheet_rows": "sebuah lembarnya menyatakan atau berisi sel di bawah baris 2.000.000, batas "
        "baris pembaca (mungkin ada sel berformat jauh di bawah tabel); hapus baris di bawah tabel atau bagi berkasnya",
        "ingest_reason_sheet_columns": "sebuah lembarnya menyatakan atau berisi sel di kanan kolom 500 (kolom SF), "
        "batas kolom pembaca; rekap biasa punya puluhan kolom, jadi hapus kolom di kanan tabel",
        "ingest_reason_sheet_cells": "sebuah lembarnya lebih dari 20.000.000 sel (baris × kolom), batas pembaca; "
        "hapus baris dan kolom kosong di luar tabel atau bagi berkasnya",
        "ingest_reason_zip_entries": "buku kerjanya berisi lebih dari 5.000 bagian atau 1.000 lembar, batas pembaca; "
        "salin lembar rekapnya saja ke buku kerja baru",
        "ingest_reason_zip_uncompressed": "isi buku kerjanya lebih dari 200 MB setelah dibuka dari arsipnya (berkas "
        ".xlsx dan .ods adalah arsip zip), batas pembaca; salin lembar rekapnya saja ke buku kerja baru",
        "ingest_reason_zip_ratio": "sebagian isinya termampatkan lebih dari 200 kali, tanda bom zip dan bukan tabel "
        "biasa; simpan ulang tabelnya dari program lembar kerja",
        "ingest_reason_shared_strings": "buku kerjanya berisi lebih dari 5.000.000 teks atau 100 MB teks, batas "
        "pembaca; salin lembar rekapnya saja ke buku kerja baru",
        "ingest_reason_csv_columns": "sebuah baris di awal berkas punya 500 kolom atau lebih, batas pembaca; rekap "
        "biasa punya puluhan kolom, jadi periksa pemisah kolomnya atau hapus kolom kosong",
        "ingest_reason_reader_memory": "membacanya butuh lebih dari 2 GB memori, batas pembaca; hapus baris dan kolom "
        "kosong di luar tabel atau bagi berkasnya",
        "ingest_reason_reader_time": "membacanya butuh lebih dari 60 detik, batas pembaca; hapus baris dan kolom "
        "kosong di luar tabel atau bagi berkasnya",
        "ingest_reason_reader_crashed": "program pembaca lembar kerja berhenti mendadak saat membukanya; simpan ulang "
        "tabelnya dari program lembar kerja",
        "ingest_convention_id": "format Indonesia (titik pemisah ribuan, koma desimal)",
        "ingest_convention_en": "format Inggris (koma pemisah ribuan, titik desimal)",
        "ingest_unreadable": "berkas tidak dapat dibaca: {reason}. Simpan ulang tabelnya dari Excel sebagai .xlsx "
        "atau CSV, lalu unggah lagi.",
        "ingest_no_header": "tidak ada baris judul kolom yang dikenali dalam {rows} baris pertama. Diharapkan satu "
        "baris berisi judul seperti “Kecamatan”, “Kelurahan”, “Kode Wilayah”, “Jumlah Penduduk”, “Jumlah Peserta”, "
        "“Peserta Aktif”. Tambahkan baris judul di atas data, atau tentukan kolomnya lewat pemetaan kolom.",
        "ingest_no_header_any_sheet": "tidak ada lembar dengan baris judul kolom yang dikenali dalam {rows} baris "
        "pertama (lembar yang diperiksa: {sheets}). Diharapkan judul seperti “Kecamatan”, “Kelurahan”, “Jumlah "
        "Penduduk”, “Jumlah Peserta”. Pilih lembarnya, tambahkan baris judul, atau tentukan kolomnya lewat pemetaan "
        "kolom.",
        "ingest_mapping_not_found_any_sheet": "judul kolom dalam pemetaan ({headers}) tidak ditemukan bersama di "
        "lembar mana pun (lembar: {sheets}). Pilih lembarnya, atau sesuaikan pemetaan dengan judul kolom di berkas.",
        "ingest_missing_column": "kolom {field} tidak ditemukan. Judul yang dicari: {synonyms}. Judul kolom di "
        "berkas: {headers}. Ganti judul kolom di berkas dengan salah satu yang dicari, atau tentukan kolomnya lewat "
        "pemetaan kolom.",
        "ingest_mapping_unknown_header": "pemetaan kolom memilih “{value}” sebagai {field}, tetapi judul itu tidak "
        "ada di berkas. Judul kolom di berkas: {headers}. Pilih salah satunya.",
        "ingest_mapping_unknown_field": "pemetaan kolom memakai nama “{value}” yang tidak dikenal. Nama yang dapat "
        "dipakai: {names}.",
        "ingest_unknown_sheet": "lembar “{value}” tidak ada di buku kerja ini. Lembar yang ada: {sheets}. Pilih "
        "salah satunya.",
        "ingest_not_a_number": "“{value}” bukan jumlah orang. Kolom ini dibaca dengan {convention}; yang diharapkan "
        "bilangan bulat seperti 687.031 atau 687031. Perbaiki sel ini (kosongkan atau isi “-” bila tidak ada data), "
        "lalu unggah lagi.",
        "ingest_not_a_number_header": "“{value}” bukan jumlah orang, melainkan tampak seperti judul kolom: judul "
        "tabel ini mungkin terdiri atas dua baris (misalnya “Jumlah Penduduk” di atas “Laki-laki | Perempuan | "
        "Jumlah”). Tentukan kolom yang berisi angka {field} lewat pemetaan kolom: di halaman Data pada kotak "
        "pemetaan kolom, atau di baris perintah dengan --column {canonical}='{example}' (judul kolom seperti "
        "tertulis di berkas).",
        "ingest_not_whole": "“{value}” bukan bilangan bulat, padahal jumlah orang selalu bulat. Periksa pemisah "
        "ribuan (687.031 dalam format Indonesia) dan apakah kolom ini tertukar dengan kolom persentase; perbaiki, "
        "lalu unggah lagi.",
        "ingest_negative": "“{value}” bernilai negatif; jumlah orang tidak mungkin kurang dari nol. Perbaiki sel "
        "ini, lalu unggah lagi.",
        "ingest_bad_period": "“{value}” tidak terbaca sebagai bulan. Tulis bulannya seperti 2025-06, Juni 2025, "
        "Jun-25 atau 01/06/2025, lalu unggah lagi.",
        "ingest_missing_region": "baris ini berisi angka, tetapi tidak ada nama atau kode wilayahnya. Isi "
        "kecamatan/kelurahan atau kode wilayah, atau hapus baris ini bila bukan data wilayah.",
        "ingest_inactive_above_registered": "peserta non aktif ({inactive}) lebih banyak dari jumlah peserta "
        "({registered}), sehingga peserta aktif tidak dapat dihitung. Periksa kedua angka itu, lalu unggah lagi.",
        "ingest_total_mismatch": "baris total “{label}” menulis {file_total}, sedangkan jumlah baris-baris yang "
        "dijumlahkannya {rows_sum} (selisih {difference}). Baris total tidak diimpor; periksa apakah ada baris yang "
        "hilang, berlebih, atau salah ketik.",
        "ingest_registered_mismatch": "jumlah peserta {registered} tidak sama dengan peserta aktif {active} + non "
        "aktif {inactive} = {sum}. Jumlah peserta diimpor seperti tertulis; periksa angkanya.",
        # issue 10, broken files never half-imported (reader body)
        "ingest_unclosed_quote": 'tanda kutip (") yang dibuka di baris {first_line} tidak ditutup, sehingga baris '
        "{first_line} sampai {last_line} terbaca sebagai satu sel. Tidak ada baris yang diimpor. Tutup atau hapus "
        "tanda kutip itu, lalu unggah lagi.",
        "ingest_row_too_short": "baris ini hanya berisi {cells} sel, padahal baris judul punya {expected} kolom: "
        "angka di kolom yang hilang tidak dapat dibaca (mungkin berkasnya terpotong). Tidak ada baris yang diimpor. "
        "Lengkapi baris ini atau simpan ulang tabelnya dari Excel, lalu unggah lagi.",
        "ingest_row_too_long": "baris ini berisi sel sampai kolom ke-{cells}, padahal baris judul hanya punya "
        "{expected} kolom: angkanya mungkin bergeser (misalnya pemisah di dalam nama tanpa tanda kutip). Tidak ada "
        "baris yang diimpor. Perbaiki baris ini, lalu unggah lagi.",
        "ingest_rows_cut_short": "baris total “{label}” di atas data menulis {file_total}, tetapi baris-baris di "
        "bawahnya (sampai baris {last_row}) hanya berjumlah {rows_sum}: tabelnya terpotong atau ada baris yang "
        "hilang. Tidak ada baris yang diimpor. Lengkapi tabelnya, lalu unggah lagi.",
        "ingest_segments_mismatch": "jumlah segmen ({fields}) = {sum}, tidak sama dengan jumlah peserta "
        "{registered}. Angka diimpor seperti tertulis; periksa apakah segmen dan jumlah peserta berasal dari data "
        "yang sama.",
        "ingest_duplicate_column": "kolom “{used}” dan kolom “{other}” sama-sama terbaca sebagai {field}, "
        "sehingga tidak jelas angka mana yang dimaksud. Tentukan kolomnya lewat pemetaan kolom: di halaman Data "
        "pada kotak pemetaan kolom, atau di baris perintah dengan --column {canonical}='{other}'.",
        "ingest_period_differs_from_title": "bulan yang dipilih ({period}) berbeda dengan bulan di judul berkas "
        "({title_period}). Pastikan bulan yang dipilih benar.",
        "ingest_more_issues": "masih ada {count} temuan lain yang tidak ditampilkan. Perbaiki temuan di atas dulu, "
        "lalu unggah lagi.",
        # -- issue 10, items 2, 5, 10: only counts are counts, code columns per level, long reports --
        # -- issue 10, items 3, 4: long layouts and population parts --
        "ingest_population_from_parts": "berkas ini tidak memuat kolom jumlah penduduk: penduduk dihitung "
        "sebagai “{first}” + “{second}” untuk setiap wilayah.",
        "ingest_population_parts_mismatch": "jumlah penduduk {population} tidak sama dengan “{first}” + "
        "“{second}” = {sum}. Kolom jumlah yang dipakai; periksa angka di baris ini.",
        "ingest_field_sex": "jenis kelamin",
        "ingest_field_year": "tahun",
        "ingest_not_a_count": "kolom “{value}” adalah {reason}, bukan {field}; berkas ini tidak berisi kolom "
        "{field}. Angka seperti itu tidak disimpan sebagai jumlah orang. Unggah tabel yang memuat jumlah orang per "
        "wilayah (misalnya kolom “Jumlah Penduduk” atau “Jumlah Peserta”), lalu impor lagi.",
        "ingest_reason_not_count_density": "kepadatan penduduk (jiwa per km²)",
        "ingest_reason_not_count_area": "luas wilayah (km² atau hektar)",
        "ingest_reason_not_count_share": "persentase, rasio atau angka per 1.000",
        "ingest_reason_not_count_average": "rata-rata",
        "ingest_reason_not_count_growth": "laju pertumbuhan",
        "ingest_field_province_code": "kode provinsi",
        "ingest_field_kab_kota_code": "kode kabupaten/kota",
        "ingest_field_kecamatan_code": "kode kecamatan",
        "ingest_parent_code_mismatch": "{field} “{value}” tidak cocok dengan kode wilayah “{code}” di kolom "
        "“{code_column}” pada baris yang sama: kode tingkat di atasnya harus menjadi awal kode yang lebih rinci "
        "(31.73.01 untuk 31.73.01.1001). Perbaiki salah satu dari kedua sel itu, lalu unggah lagi.",
        "issues_more_of_kind": "… dan {count} lagi dengan jenis yang sama",
        # -- boundaries --
        "geo_no_file": "Berkas {file} tidak ada. Periksa nama dan folder berkasnya.",
        "geo_bad_level": "Tingkat {level} tidak dikenal; pilih salah satu: {levels}.",
        "geo_unreadable": (
            "Berkas {file} tidak dapat dibaca sebagai data batas wilayah ({reason}). Simpan sebagai GeoJSON, "
            "Shapefile (satu .zip berisi .shp, .shx, .dbf dan .prj) atau GeoPackage, lalu impor lagi."
        ),
        "geo_zip_too_large": (
            "Berkas {file} terurai menjadi {size} MB, lebih dari batas {limit} MB untuk data batas wilayah. "
            "Masukkan hanya Shapefile atau GeoPackage kota ini ke dalam .zip, lalu impor lagi."
        ),
        "geo_empty_zip": (
            "Berkas {file} tidak berisi data batas wilayah (.shp, .gpkg atau .geojson). "
            "Masukkan Shapefile lengkap (.shp, .shx, .dbf, .prj) atau GeoPackage ke dalam .zip."
        ),
        "geo_shapefile_parts": (
            "Shapefile {part} di {file} tidak lengkap: {missing} tidak ada. Unggah .shp bersama .shx, .dbf "
            "dan .prj, atau satu .zip berisi semuanya."
        ),
        "geo_several_layers": (
            "Berkas {file} berisi beberapa lapisan: {layers}. Pilih lapisan batas kecamatan atau kelurahan "
            "dengan --layer NAMA (di halaman Data: pilihan Lapisan)."
        ),
        "geo_unknown_layer": "Lapisan {layer} tidak ada di berkas {file}. Lapisan yang ada: {layers}.",
        "geo_no_polygons": "Berkas {file} tidak berisi geometri. Batas wilayah harus berupa poligon.",
        "geo_no_crs_not_degrees": (
            "Berkas {file} tidak menyebut sistem koordinat (CRS), dan koordinatnya ({bounds}) bukan derajat "
            "bujur/lintang. Sertakan berkas .prj, atau simpan ulang dalam EPSG:4326 (WGS 84)."
        ),
        "geo_swapped": (
            "Koordinat di berkas {file} (dibaca sebagai {crs}) tampaknya tertukar: lintang dulu, lalu bujur "
            "({bounds}). Simpan ulang dengan urutan bujur, lintang."
        ),
        "geo_outside_indonesia": (
            "Koordinat di berkas {file}, dibaca sebagai {crs}, tidak berada di Indonesia ({bounds}). "
            "Periksa sistem koordinat (CRS) berkas, misalnya berkas .prj Shapefile."
        ),
        "geo_crs_assumed": "tanpa CRS, dibaca sebagai EPSG:4326",
        "geo_unknown_field": "Properti {field} tidak ada di berkas {file}. Properti yang ada: {fields}.",
        "geo_no_label_field": (
            "Berkas {file} tidak punya properti kode atau nama wilayah yang dikenali (properti: {fields}). "
            "Sebutkan dengan --code-field atau --name-field."
        ),
        "geo_city_not_in_store": (
            "Kota/kabupaten {city} belum ada di penyimpanan. Jalankan `python -m uhc init --city {city}` dulu."
        ),
        "geo_no_city_in_store": (
            "Penyimpanan belum berisi kota/kabupaten. Jalankan `python -m uhc init --city KODE` dulu."
        ),
        "geo_city_unclear": (
            "Fitur di berkas {file} tidak cocok dengan kota mana pun di penyimpanan ({cities}). "
            "Pilih kotanya dengan --city KODE."
        ),
        "geo_other_city": (
            "Kode di berkas {file} menunjuk ke kota/kabupaten {code}, bukan ke kota di penyimpanan ({cities}). "
            "Tambahkan kota itu dengan `python -m uhc init --city {code}`, atau impor berkas kota Anda sendiri."
        ),
        "geo_feature_no_label": (
            "Berkas {file}, fitur {feature}: tidak ada kode atau nama {level}. Diharapkan kode Kemendagri atau "
            "BPS, atau nama {level}. Isi properti itu, atau lewati fitur ini."
        ),
        "geo_feature_unmatched": (
            "Berkas {file}, fitur {feature}: {labels} tidak cocok dengan {level} mana pun di {city}. Diharapkan "
            "kode Kemendagri atau BPS, atau nama {level}. Yang mirip: {suggestions}. Perbaiki kode atau nama "
            "di berkas, atau lewati fitur ini."
        ),
        "geo_feature_ambiguous": (
            "Berkas {file}, fitur {feature}: {labels} cocok dengan beberapa {level} di {city}: {suggestions}. "
            "Tambahkan kode wilayah, atau kecamatannya, di berkas."
        ),
        "geo_feature_wrong_level": (
            "Berkas {file}, fitur {feature}: {labels} adalah kode {suggestions}, bukan kode {level}. Pilih "
            "tingkat lain (--level) atau properti kode lain (--code-field)."
        ),
        "geo_feature_no_polygon": (
            "Berkas {file}, fitur {feature} ({labels}): geometrinya kosong atau bukan poligon. Diharapkan "
            "poligon batas wilayah; perbaiki atau hapus fitur ini."
        ),
        "geo_duplicate_region": (
            "Berkas {file}, fitur {features}: beberapa fitur dengan label berbeda jatuh pada {level} {region} "
            "({labels}). Diharapkan satu wilayah per kode; perbaiki kode atau nama di berkas."
        ),
        "geo_not_committed": (
            "Batas dari {file} tidak disimpan: {count} masalah, yang pertama: {first} Tidak ada yang diubah. "
            "Perbaiki berkas, atau lewati fitur yang tidak cocok (--skip-bad-features)."
        ),
        "geo_nothing_matched": (
            "Tidak satu pun fitur di {file} cocok dengan {level} di {city}; tidak ada yang disimpan."
        ),
        "geo_report_read": (
            "{file}: {features} fitur, lapisan {layer}, CRS {crs}; tingkat {level} ({how}); kode dari "
            "{code_field}, nama dari {name_field}."
        ),
        "geo_level_given": "dipilih",
        "geo_level_guessed": "ditebak dari isi berkas",
        "geo_report_matched": "{matched} dari {regions} {level} di {city} punya batas dari berkas ini.",
        "geo_report_missing": "{count} wilayah tanpa batas: {regions}.",
        "geo_report_outside": "{count} fitur berada di luar {city} dan dilewati.",
        "geo_report_repaired": "{count} geometri tidak valid diperbaiki (fitur {features}).",
        "geo_report_vertices": (
            "Titik sudut: {before} menjadi {after} (disederhanakan dengan toleransi {tolerance_m} m; "
            "batas bersama antartetangga tetap berimpit)."
        ),
        "geo_report_derived": "{count} batas kecamatan dibentuk dari gabungan kelurahannya.",
        "geo_report_problems": "{count} masalah:",
        "geo_report_saved": "Disimpan: {count} batas {level} untuk {city} (impor nomor {batch}).",
        "geo_report_dry_run": "Uji coba: tidak ada yang disimpan.",
        # -- boundaries as they come: BPS codes, caps, unsafe zips (issue 10, item 7) --
        "geo_report_bps_unknown": (
            "{count} fitur memakai kode BPS ({field}) yang tidak ada di pohon wilayah {city} di penyimpanan; "
            "fitur itu dicocokkan dengan namanya. Tambahkan kode BPS wilayah (tabel padanan) agar kodenya terpakai."
        ),
        "geo_report_left_out": "{count} fitur dilewati (fitur {features}). {level} tanpa batas: {regions}.",
        "geo_file_too_large": (
            "Berkas {file} berukuran {size} MB, lebih dari batas {limit} MB untuk data batas wilayah. "
            "Impor satu kota saja, atau sederhanakan geometrinya dulu (QGIS: Vector > Geometry Tools > "
            "Simplify; atau mapshaper.org), lalu impor lagi."
        ),
        "geo_too_many_features": (
            "Berkas {file} berisi {count} fitur, lebih dari batas {limit} fitur (satu kota punya paling banyak "
            "beberapa ratus kelurahan). Impor hanya fitur kota ini: saring di QGIS lalu simpan sebagai berkas "
            "baru, atau unduh berkas satu kota."
        ),
        "geo_too_many_vertices": (
            "Berkas {file} berisi {count} titik sudut, lebih dari batas {limit}. Sederhanakan geometrinya dulu "
            "(QGIS: Vector > Geometry Tools > Simplify; atau mapshaper.org, misalnya 10%), atau impor satu kota "
            "saja, lalu impor lagi."
        ),
        "geo_zip_unsafe_member": (
            "Berkas {file} tidak diimpor: isi zip {member} {why}. Buat zip baru yang hanya berisi berkas "
            "Shapefile (.shp, .shx, .dbf, .prj) atau GeoPackage, tanpa folder di dalamnya, lalu impor lagi."
        ),
        "geo_zip_why_symlink": "adalah tautan (symlink), bukan berkas",
        "geo_zip_why_outside": "menunjuk ke luar folder zip",
        "geo_zip_why_directory": "adalah folder yang dinamai seperti berkas",
        "geo_zip_why_encrypted": "dikunci dengan kata sandi",
        "geo_zip_too_many_members": (
            "Berkas {file} berisi {count} berkas, lebih dari batas {limit}. Masukkan hanya Shapefile atau "
            "GeoPackage kota ini ke dalam .zip, lalu impor lagi."
        ),
        # -- exports: press PNGs, the briefing (pages/ekspor.py, python -m uhc export) --
        "export_default_instansi": "Dinas Kesehatan {city}",
        "export_source": "Sumber: BPJS Kesehatan, Dukcapil; diolah {agency}",
        "export_vintage": "Data kepesertaan {month} · penduduk Dukcapil {semester}",
        "export_demo": "DATA DEMO SINTETIS, bukan angka resmi",
        "export_title_coverage": "Cakupan kepesertaan JKN dan target UHC",
        "export_title_map": "Cakupan kepesertaan JKN per kecamatan",
        "export_title_ranking": "Penduduk yang perlu didaftarkan untuk mencapai target, per kecamatan",
        "export_title_segments": "Peserta JKN terdaftar menurut segmen",
        "export_title_activity": "Keaktifan peserta JKN",
        "export_title_map_metric": "{metric} per {level}",
        "ranking_people": "{people} orang",
        "ranking_coverage": "cakupan {coverage}",
        "page_export": "Ekspor",
        "export_heading": "Ekspor: {city}, {period}",
        "export_intro": (
            "Gambar siap rilis pers dan ringkasan untuk pimpinan daerah, dibuat di server ini tanpa internet."
        ),
        "export_size": "Ukuran gambar",
        "export_size_1600x900": "1600 × 900 (lanskap)",
        "export_size_1080x1080": "1080 × 1080 (media sosial)",
        "export_size_1200x1500": "1200 × 1500 (potret)",
        "export_size_help": "Ukuran tata letak; berkas PNG berukuran dua kali lipat ({width} × {height} piksel).",
        "export_download_png": "Unduh PNG",
        "export_press_heading": "Gambar untuk rilis pers",
        "export_download_zip": "Unduh semua gambar (ZIP)",
        "export_briefing_heading": "Ringkasan untuk pimpinan daerah",
        "export_briefing_intro": (
            "PDF A4 dua halaman: indikator utama, status UHC, peta, tren dan proyeksi, lima kecamatan "
            "terjauh dari target, kebutuhan anggaran, serta sumber data."
        ),
        "export_download_pdf": "Unduh PDF",
        "export_download_pptx": "Unduh PPTX",
        "export_branding": "Baris sumber: “{source}”. Logo: {logo}.",
        "export_logo_set": "tersimpan",
        "export_logo_none": "belum ada",
        "export_branding_help": (
            "Editor dapat mengubahnya di bawah ini, atau (saat dasbor berhenti) dengan "
            '`python -m uhc settings --instansi "…" --logo logo.png`.'
        ),
        "export_failed": "Gambar tidak dapat dibuat: {reason}",
        "export_no_chromium": "Chromium belum terpasang (di Debian: sudo apt-get install chromium).",
        "export_branding_edit": "Ubah instansi dan logo (editor)",
        "export_left_out_heading": "Tidak dibuat:",
        "export_left_out_months": "tren butuh data minimal dua bulan (tersedia {months})",
        "export_left_out_kecamatan": "data bulan ini tidak dirinci per kecamatan",
        "export_left_out_map": "batas wilayah kecamatan belum tersimpan (impor di halaman Data atau dengan python -m uhc import boundaries)",
        "export_left_out_segments": "rekap kepesertaan tidak memuat rincian segmen",
        "export_branding_login": "Hanya editor yang dapat mengubah instansi dan logo: masuk di halaman Data.",
        "export_instansi": "Instansi pengolah data (baris sumber)",
        "export_instansi_help": "Bila dikosongkan: {default}.",
        "export_logo": "Logo (PNG atau JPEG)",
        "export_logo_remove": "Hapus logo",
        "export_branding_save": "Simpan",
        "export_branding_saved": "Instansi dan logo {city} disimpan.",
        "export_logo_bad": "{file} bukan gambar PNG atau JPEG; tidak ada yang diubah.",
        "export_preview": "Pratinjau",
        # -- the briefing pack (PDF and PPTX) --
        "brief_title": "Ringkasan Cakupan JKN untuk Pimpinan Daerah",
        "brief_heading": "{city} · {period}",
        "brief_made": "Dibuat {moment}",
        "brief_kpi_heading": "Indikator utama",
        "brief_col_indicator": "Indikator",
        "brief_col_value": "Nilai",
        "brief_col_month": "Dibanding bulan lalu",
        "brief_col_year": "Dibanding tahun lalu",
        "brief_status_heading": "Status UHC",
        "brief_map_heading": "Cakupan per kecamatan",
        "brief_no_map": "Batas wilayah kecamatan belum tersimpan, sehingga peta tidak ditampilkan.",
        "brief_trend_heading": "Tren cakupan dan proyeksi",
        "brief_trend_first_month": "Tren butuh data minimal dua bulan; {month} adalah bulan pertama yang tersimpan.",
        "brief_lagging_heading": "Kecamatan terjauh dari target {target}",
        "brief_lagging_none": "Semua kecamatan sudah mencapai target {target}.",
        "brief_lagging_total": (
            "Semua kecamatan yang belum mencapai target bersama-sama membutuhkan {people} orang ({cost} setahun); "
            "angka kota lebih kecil ({city_people} orang) karena kecamatan dengan cakupan di atas target menutupi "
            "kekurangan kecamatan lain."
        ),
        "brief_lagging_note": "Diurutkan menurut jumlah penduduk yang perlu didaftarkan; biaya setahun pada iuran {iuran}.",
        "brief_col_kecamatan": "Kecamatan",
        "brief_col_coverage": "Cakupan",
        "brief_col_people": "Perlu didaftarkan",
        "brief_col_cost": "Biaya setahun",
        "brief_budget_heading": "Kebutuhan anggaran",
        "brief_sources_heading": "Sumber dan keterangan data",
        "brief_source_bpjs": "Kepesertaan: BPJS Kesehatan, rekap bulan {month}.",
        "brief_source_population": "Penduduk: Dukcapil {semester} (posisi {as_of}).",
        "brief_source_rules": (
            "Target cakupan {target}; UHC bila cakupan ≥ {min_coverage} dan keaktifan ≥ {min_activity}; "
            "iuran {iuran} per orang per bulan (ketentuan yang berlaku pada {month})."
        ),
        "brief_source_agency": "Diolah oleh {agency} dengan uhc-dashboard; dibuat {moment}.",
        # issue 10, codes slice: a code never wins against its own row, rows of other kab/kota,
        # counts above any real region, BPS crosswalks
        "import_code_contradicts_name": "kode dan nama baris ini menunjuk wilayah yang berbeda. Kodenya dibaca "
        "sebagai {code_readings}; nama dan kecamatannya sebagai {name_reading}. Perbaiki kode atau nama agar "
        "keduanya menunjuk wilayah yang sama; jika kode di berkas adalah kode BPS, berikan tabel padanan kode "
        "(--crosswalk BERKAS), lalu impor lagi.",
        "import_name_over_code": "“{value}” dimasukkan ke {region} ({region_code}) menurut nama dan kecamatannya. "
        "Kodenya, dibaca sebagai kode Kemendagri, adalah {code_readings}: bertentangan dengan nama dan kecamatan "
        "itu, jadi kode itu tidak dipakai (mungkin kode BPS). Untuk memeriksa kode BPS, berikan tabel padanan kode "
        "(--crosswalk BERKAS).",
        "import_rows_outside_city": "{rows} baris dari kota/kabupaten lain tidak diimpor: {cities}. Hanya baris "
        "{city} yang diimpor; impor berkas yang sama untuk kota/kabupaten lain itu bila perlu.",
        "import_outside_city_rows": "{code} {name} ({rows} baris)",
        "import_all_rows_outside_city": "tidak ada satu baris pun dari {city}: semua {rows} baris dari "
        "kota/kabupaten lain ({cities}). Pilih kota/kabupaten berkas ini (--city KODE), atau periksa kolom "
        "kodenya: kode BPS DKI Jakarta berbeda dari kode Kemendagri (berikan --crosswalk BERKAS).",
        "import_population_above_limit": "jumlah penduduk {count} untuk {region} ({region_code}) lebih besar dari "
        "{level} mana pun di Indonesia (paling banyak {limit}). Periksa kolom ini: mungkin kepadatan, angka "
        "kumulatif, atau total beberapa wilayah. Perbaiki angkanya, lalu impor lagi.",
        "import_registered_above_limit": "jumlah peserta {count} untuk {region} ({region_code}) lebih besar dari "
        "penduduk {level} mana pun di Indonesia (paling banyak {limit}). Periksa kolom ini: mungkin angka "
        "kumulatif atau total beberapa wilayah. Perbaiki angkanya, lalu impor lagi.",
        "import_level_kelurahan": "kelurahan/desa",
        "import_level_kecamatan": "kecamatan",
        "import_level_kota": "kab/kota",
        "import_level_provinsi": "provinsi",
        "geo_feature_code_contradicts_name": (
            "Berkas {file}, fitur {feature}: {labels}: kode dan namanya menunjuk {level} yang berbeda: "
            "{suggestions} (yang terakhir menurut nama). Perbaiki kode atau nama di berkas, atau lewati fitur ini."
        ),
        "crosswalk_no_file": "Tidak ada berkas padanan kode {file}.",
        "crosswalk_unreadable": "Berkas padanan kode {file} tidak dapat dibaca sebagai CSV: {reason}. Simpan "
        "sebagai CSV (dipisah koma atau titik koma) dengan kolom kode Kemendagri dan kode BPS.",
        "crosswalk_no_columns": "Berkas padanan kode {file} tidak punya kolom {missing}. Kolom yang ada: "
        "{columns}. Diharapkan kolom seperti kode_kemendagri dan kode_bps.",
        "crosswalk_bad_code": "Berkas padanan kode {file}, baris {row}, kolom “{column}”: “{value}” bukan {expected}. "
        "Perbaiki kodenya, atau hapus baris itu.",
        "crosswalk_level_mismatch": "Berkas padanan kode {file}, baris {row}: kode Kemendagri {kemendagri_code} "
        "({kemendagri_level}) dipasangkan dengan kode BPS {bps_code} ({bps_digits} angka). Kode BPS {expected} "
        "punya {expected_digits} angka: perbaiki salah satunya.",
        "crosswalk_repeated": "Berkas padanan kode {file}, baris {row}: kode {value} sudah ada di baris "
        "{first_row} dengan pasangan lain. Satu kode hanya boleh satu padanan: hapus salah satunya.",
        "crosswalk_prefix_mismatch": "Berkas padanan kode {file}: kode BPS kelurahan {bps_code} ({region}) tidak "
        "diawali kode BPS kecamatannya {kecamatan_bps_code}. Periksa kedua baris itu.",
        "crosswalk_stored": "Kode BPS disimpan dari {file}: {cities}. {elsewhere} baris untuk wilayah yang tidak "
        "ada di penyimpanan dilewati. Batch {batch}.",
        "crosswalk_city": "{city_code} {city}: {kelurahan} dari {kelurahan_total} kelurahan/desa, {kecamatan} dari "
        "{kecamatan_total} kecamatan, kode BPS kab/kota {city_bps}",
        "crosswalk_city_none": "tidak ada",
        "crosswalk_by_name": "{file} tidak punya kode Kemendagri: kode BPS dipasangkan menurut nama, kecamatan di "
        "dalam kab/kotanya dan kelurahan di dalam kecamatannya. Nama yang tidak ditemukan, atau ditemukan dua kali, "
        "tidak diberi kode.",
        "crosswalk_nothing": "Berkas padanan kode {file} tidak memuat satu pun wilayah di penyimpanan. Tambahkan "
        "kotanya dulu (python -m uhc init --city KODE), atau periksa kolom kode Kemendagri.",
        "crosswalk_expected_kemendagri": "kode Kemendagri (seperti 61.71.05.1002 atau 6171051002)",
        "crosswalk_expected_bps": "kode BPS (2, 4, 7 atau 10 angka, seperti 6171031002)",
        "data_batch_kind_crosswalk": "padanan kode BPS",
        "brief_page": "Halaman {page}",
        # Issue 10, item 9 (targets before 2020): a month before every dated target says so in words.
        "no_target_in_force": (
            "Pada {month} belum ada target cakupan yang berlaku: JKN dimulai 1 Januari 2014, dan target nasional "
            "pertama (cakupan kepesertaan JKN minimal 95%, RPJMN 2015–2019) berlaku sejak Januari 2015. "
            "Berikan target di kotak Target cakupan pada halaman Kesenjangan & Anggaran, atau dengan --target "
            "pada python -m uhc gap, misalnya --target 95."
        ),
        "no_target_short": "tanpa target",
        "kpi_no_target": "Tanpa target",
        "target_none_in_force": "belum ada yang berlaku",
        "projection_no_target": (
            "Proyeksi tidak dihitung: bulan ini belum ada target cakupan yang berlaku. Berikan target di kotak "
            "Target cakupan pada halaman Kesenjangan & Anggaran, atau dengan --target."
        ),
        "gap_title": "{month} · target {target}",
        "gap_title_no_target": "{month} · tanpa target",
        "plan_no_target_dated": (
            "Pada {month} belum ada target cakupan yang berlaku (JKN dimulai 1 Januari 2014; target nasional "
            "pertama, 95%, berlaku sejak Januari 2015). Angka di halaman ini memakai target yang dipilih di kotak "
            "Target cakupan: {target}."
        ),
        "brief_lagging_no_target": "Kecamatan tidak diurutkan menurut jarak ke target: {reason}",
    },
    "en": {
        "app_title": "JKN Coverage Dashboard",
        "page_overview": "Overview",
        "language": "Language",
        "city": "City/Regency",
        "period": "Month",
        "overview_heading": "JKN coverage, {city}, {period}",
        "kpi_coverage": "Coverage",
        "kpi_activity": "Activity rate",
        "kpi_active_coverage": "Active coverage",
        "kpi_people_needed": "Residents to enrol",
        "kpi_annual_cost": "Cost per year",
        "help_coverage": "Registered participants (active + inactive) divided by the Dukcapil population.",
        "help_activity": "Active participants divided by registered participants.",
        "help_active_coverage": "Active participants divided by the population.",
        "help_people_needed": "Additional participants needed for coverage to reach the {target} target.",
        "help_annual_cost": "Residents to enrol x Pemda iuran {iuran} per month x 12 months.",
        "vs_last_month": "{change} vs last month",
        "vs_last_year": "{change} vs a year earlier",
        "in_points": "{value} points",
        "in_people": "{value} people",
        "uhc_missing": "UHC status still needs {missing}.",
        "uhc_missing_registered": "{count} more registered participants (coverage)",
        "uhc_missing_active": "{count} more active participants (activity)",
        "uhc_missing_and": " and ",
        "status_uhc": "UHC: coverage {coverage} (needs ≥ {min_coverage}) and activity {activity} (needs ≥ {min_activity}).",
        "status_not_uhc": "Not UHC yet: coverage {coverage} (needs ≥ {min_coverage}), activity {activity} (needs ≥ {min_activity}).",
        "status_no_data": "UHC status cannot be computed: population or active participants are missing.",
        "projection_reached": "The {target} target has been reached.",
        "projection_projected": "At the pace of the last 12 months, the {target} target is reached in {month}.",
        "projection_not_at_current_pace": "At the pace of the last 12 months, the {target} target is not reached.",
        "projection_insufficient_history": "No projection yet: it needs the figures of 12 months earlier.",
        "projection_no_data": "No projection: the population is missing.",
        "table_heading": "Kecamatan by residents to enrol",
        "table_note": "The city's need is computed from city totals: kecamatan above 100% coverage "
        "(participants registered away from home) can make up for others' shortfall.",
        "col_name": "Region",
        "col_code": "Kemendagri code",
        "col_population": "Population",
        "col_registered": "Registered",
        "col_active": "Active",
        "col_coverage": "Coverage",
        "col_activity": "Activity",
        "col_people_needed": "To enrol",
        "col_annual_cost": "Cost/year",
        "col_status": "UHC status",
        "uhc": "UHC",
        "not_uhc": "Not UHC",
        "no_data": "No data",
        "source_line": "Source: BPJS Kesehatan (participants), Dukcapil {semester} (population).",
        "demo_notice": (
            "Demo data: city-level figures follow Kota Pontianak's published figures; "
            "kecamatan and kelurahan figures are synthetic, not official data; the demo map is "
            "schematic, not official boundaries."
        ),
        "empty_store": "No data yet. Run `python -m uhc init --demo` for the demo city, "
        "or `python -m uhc init --city CODE` and import BPJS data.",
        "no_period_data": "No data for {city} in {period}.",
        "no_population": "No population figure for this month: coverage cannot be computed.",
        "store_error": "The data store cannot be opened. {reason}",
        "month_incomplete": "The data of {period} is incomplete: {missing} of {expected} kelurahan are missing "
        "({names}). This month's kecamatan and city figures add up only the kelurahan present, so they are too "
        "low. Import the complete recap on the Data page.",
        "period_not_in_store": "No data for {city} in {period}; showing {shown}, the latest month there is.",
        # -- map page (pages/peta.py) --
        "page_map": "Map",
        "map_heading": "Coverage map, {city}, {period}",
        "map_view_city": "{level} of {city}",
        "map_view_kecamatan": "Kelurahan of Kecamatan {kecamatan}",
        "map_metric": "Measure",
        "map_metric_change_12m": "Coverage change over 12 months",
        "map_level": "Level",
        "map_level_kecamatan": "Kecamatan",
        "map_level_kelurahan": "Kelurahan",
        "map_scheme": "Colour classes",
        "map_scheme_policy": "Policy (95% and 98%)",
        "map_scheme_quantile": "Quartiles",
        "map_scheme_help": "Policy: below 95%, 95–98% and ≥ 98% (the target). Quartiles: each class holds about "
        "a quarter of the regions, to compare regions with each other.",
        "map_scheme_quantile_only": "Coloured by quartile: each class holds about a quarter of the regions. "
        "The 95% and 98% policy classes are for coverage only.",
        "map_class_below_95": "below 95%",
        "map_class_95_to_98": "95–98%",
        "map_class_target_met": "≥ 98%",
        "map_class_no_data": "no data",
        "map_basemap": "Street map",
        "map_basemap_help": "Shows a street map under the regions. Needs internet: the map images come from "
        "OpenStreetMap. Leave it off without internet.",
        "map_kecamatan": "Choose a kecamatan",
        "map_whole_city": "Whole city",
        "map_back_help": "Back to the map of the whole city",
        "map_click_hint": "Click a kecamatan on the map, or choose it beside the map, to see its kelurahan.",
        "map_schematic": "Schematic map (demo), not official boundaries.",
        "map_no_boundaries": "There are no {level} boundaries for {city} yet, so the map cannot be drawn. "
        "Import a boundary file (GeoJSON, Shapefile or GeoPackage) with "
        "`python -m uhc import boundaries FILE` while the dashboard is stopped, then open this page again. "
        "The figures are in the table below.",
        "map_missing_shapes": "{count} regions have no boundary and are not on the map: {names}.",
        "map_no_level_data": "The figures for {period} are not broken down to kelurahan; choose the kecamatan level.",
        "map_hover_code": "Kemendagri code",
        "map_table_heading": "Figures by region",
        "map_overview_heading": "Coverage by kecamatan",
        "map_overview_caption": "Coloured by policy: below 95%, 95–98%, ≥ 98% (the target). "
        "The full map, with kelurahan, is on the Map page.",
        # -- trends page (pages/tren.py) --
        "trend_page": "Trends",
        "trend_heading": "JKN coverage trends, {city}, up to {period}",
        "trend_kecamatan": "Kecamatan compared with the city",
        "trend_city_only": "None (city only)",
        "trend_until": "The charts end at the month chosen in the sidebar ({period}); later months are not shown.",
        "trend_coverage_title": "JKN coverage, {region}",
        "trend_title_and": "{city} and {kecamatan}",
        "trend_segments_title": "Registered participants by segment, {region}",
        "trend_activity_title": "JKN activity rate, {region}",
        "trend_axis_coverage": "Coverage",
        "trend_axis_registered": "Registered participants",
        "trend_axis_activity": "Activity rate",
        "trend_target": "Coverage target",
        "trend_target_hover": "Coverage target {month}: {target}",
        "trend_uhc_band": "UHC zone (coverage ≥ criterion)",
        "trend_uhc_band_hover": "UHC criterion {month}: coverage ≥ {min_coverage}",
        "trend_activity_criterion": "UHC activity criterion",
        "trend_activity_criterion_hover": "UHC criterion {month}: activity ≥ {min_activity}",
        "trend_coverage_hover": "<b>{region}</b>, {month}<br>Coverage {coverage}<br>{registered} registered of {population} residents",
        "trend_activity_hover": "<b>{region}</b>, {month}<br>Activity {activity}<br>{active} active of {registered} registered",
        "trend_figure_title": "{figure}, {region}",
        "trend_figure_hover": "<b>{region}</b>, {month}<br>{figure}: {value}",
        "trend_segment_hover": "<b>{segment}</b>, {month}<br>{count} participants ({share} of registered)",
        "trend_projection": "Projection, {region}",
        "trend_projection_hover": "<b>{region}</b>: at {pace} points a month, the {target} target is reached in {month}",
        "trend_projection_caption": "{region}: {sentence}",
        "trend_projection_note": "Dashed line: projection at the pace of the last 12 months, up to the month the target is reached.",
        "trend_semester": "New population figures (Dukcapil)",
        "trend_semester_hover": "Dukcapil population {semester} used from {month}: {population} residents",
        "trend_segment_pbi_apbn": "PBI APBN (central government)",
        "trend_segment_pbi_apbd": "PBI APBD (local government)",
        "trend_segment_ppu": "PPU (employees)",
        "trend_segment_pbpu": "PBPU (self-paying)",
        "trend_segment_bp": "BP (non-workers)",
        "trend_segments_note": "Months without segment figures are left blank, not counted as zero.",
        "trend_no_series": "No data to draw.",
        "trend_needs_months": "Only one month of data for {region}: a trend needs more months.",
        "trend_no_population": "No population figure for {region} in {period}: coverage cannot be computed.",
        "trend_no_kecamatan_data": "No data for {region} in {period}.",
        # -- gap and budget planner (pages/anggaran.py) --
        "plan_page": "Gap & budget",
        "plan_heading": "Gap & budget, {city}, {period}",
        "plan_intro": "Change the scenario below: the figures on this page are recomputed, stored data is not changed.",
        "plan_scenario": "Scenario",
        "plan_target": "Coverage target",
        "plan_target_other": "Other",
        "plan_target_custom": "Other target (%)",
        "plan_target_custom_help": 'Used when the "Other" target is chosen. Target in force: {target}.',
        "plan_level": "Region level",
        "plan_level_kecamatan": "Kecamatan",
        "plan_level_kelurahan": "Kelurahan",
        "plan_iuran": "Iuran per person per month (Rp)",
        "plan_iuran_help": "Pemda (PBI APBD) iuran in force in {period}: {iuran}.",
        "plan_months": "Months funded",
        "plan_budget": "Budget (Rp)",
        "plan_budget_help": "In rupiah, e.g. 2000000000 for Rp2 billion.",
        "plan_budget_shown": "Budget: {budget} ({budget_full}); iuran {iuran} per month.",
        "plan_arrears": "Arrears paid (months)",
        "plan_arrears_help": "A non-active participant is reactivated after paying arrears, "
        "at most {cap} months of them (BPJS Kesehatan rule).",
        "plan_kpi_people_needed": "To enrol (city)",
        "plan_kpi_enrolment_cost": "Cost for {months} months",
        "plan_kpi_people_funded": "Funded by the budget",
        "plan_kpi_non_active": "Non-active participants",
        "plan_kpi_reactivation_cost": "Reactivation cost",
        "plan_need_sentence": "For the {target} target, {people} residents of {city} need to be enrolled; "
        "at an iuran of {iuran} per month that costs {cost} for {months} months.",
        "plan_need_none": "{city} has reached the {target} target: at city level nobody more needs to be enrolled.",
        "plan_need_no_data": "The need cannot be computed: there is no population figure for this month.",
        "plan_budget_zero": "Enter a budget to see how many people it can fund.",
        "plan_budget_sentence": "{budget} funds {people} people for {months} months.",
        "plan_budget_city_closed": "Enough for the city's whole need ({people} people), with {left} left over.",
        "plan_budget_city_short": "The city's need is still {people} people short ({cost}).",
        "plan_budget_regions": "Taking the largest needs first, the budget fully closes {closed} of the {short} "
        "{level} still short.",
        "plan_worklist_heading": "Worklist: {level} by residents to enrol",
        "plan_worklist_note": "Cost = residents to enrol × iuran × months funded. The budget is spent down the "
        "table, largest need first. The city's need is computed from city totals, so it can be smaller than the "
        "regions' needs added up (regions above 100% coverage make up for others).",
        "plan_col_target": "Target",
        "plan_col_enrolment_cost": "Cost for {months} months",
        "plan_col_non_active": "Non-active",
        "plan_col_reactivation_cost": "Reactivation {arrears_months} months",
        "plan_col_budget_people": "Funded",
        "plan_col_budget_status": "Budget status",
        "plan_budget_closed": "Fully funded",
        "plan_budget_partial": "Partly",
        "plan_budget_not_reached": "Not funded",
        "plan_budget_none_needed": "None needed",
        "plan_budget_no_data": "No data",
        "plan_download_csv": "Download CSV",
        "plan_download_xlsx": "Download XLSX",
        "plan_file_stem": "worklist",
        "plan_quota_heading": "PBI APBD quota {year}",
        "plan_quota_input": "PBI APBD quota {year} (people)",
        "plan_quota_input_help": "Stored quota: {quota}. Change it for a scenario; stored data is not changed.",
        "plan_quota_missing": "No PBI APBD quota is stored for {city} in {year}. Type a quota above as a scenario, "
        "or store the official one: `python -m uhc quota --city {code} --year {year} --quota NUMBER "
        '--source "SOURCE"` (while the dashboard is not running).',
        "plan_quota_source": "Quota source: {source}.",
        "plan_quota_scenario": "Scenario quota (typed on this page).",
        "plan_quota_no_segments": "No PBI APBD participant count for {period}: the quota's use cannot be computed.",
        "plan_kpi_quota_registered": "PBI APBD registered",
        "plan_kpi_quota": "Quota",
        "plan_kpi_quota_remaining": "Quota remaining",
        "plan_quota_sentence": "{registered} of the {quota} quota are filled ({used}); {remaining} places remain.",
        "plan_quota_over": "{registered} participants registered, {over} above the {quota} quota.",
        "plan_quota_need_fits": "The remaining quota can take the {people} residents to enrol.",
        "plan_quota_need_exceeds": "The need of {people} people exceeds the remaining quota by {over}.",
        "plan_reactivation_heading": "Reactivating non-active participants",
        "plan_reactivation_sentence": "{non_active} registered participants in {city} are not active. Reactivating "
        "them all with {months} months of arrears × an iuran of {iuran} takes {cost}.",
        "plan_reactivation_note": "An estimate: every non-active participant is taken to owe the months chosen; "
        "arrears count for at most {cap} months.",
        "plan_reactivation_no_data": "No active participant count for this month: the reactivation cost cannot be "
        "computed.",
        "plan_no_level_data": "The figures for {period} are not broken down to {level} level: choose another level.",
        "plan_iuran_missing": "No iuran is in force in {period}: type one above.",
        # -- imports, history, login (pages/data.py) --
        "page_data": "Data",
        "data_heading": "{city} data: imports and history",
        "login_heading": "Log in to import data",
        "login_intro": "Viewing the dashboard needs no login. Importing and restoring data are for editors.",
        "login_user": "User name",
        "login_password": "Password",
        "login_submit": "Log in",
        "login_wrong": "Wrong user name or password.",
        "login_wrong_wait": "Wrong user name or password. Too many failed attempts: try again in {wait}.",
        "login_wait": "Too many failed logins for this name. Try again in {wait}.",
        "login_no_account": "No account yet? An admin creates one with `python -m uhc users add NAME --role editor`.",
        "login_as": "Logged in as **{user}** ({role})",
        "login_role_editor": "editor",
        "login_role_admin": "admin",
        "login_logout": "Log out",
        "data_store_busy": "Changes cannot be saved now: the data store is open in {holder}. "
        "Close that program or wait until it finishes, then try again. Nothing was changed.",
        "data_busy_dashboard": "another dashboard server (PID {pid})",
        "data_busy_cli": "a `python -m uhc` command (PID {pid})",
        "data_busy_other": "another program (PID {pid})",
        "data_intro": "Import a BPJS coverage recap, Dukcapil population figures or boundaries. Every file is "
        "checked first; nothing is stored until you press Save.",
        "data_import_heading": "Import data",
        "data_city": "City/regency to import into",
        "data_kind": "Kind of data",
        "data_kind_coverage": "Coverage recap (BPJS)",
        "data_kind_population": "Population (Dukcapil)",
        "data_kind_boundaries": "Boundaries (map)",
        "data_upload_table": "CSV or Excel file",
        "data_upload_boundaries": "GeoJSON, zipped Shapefile or GeoPackage file",
        "data_upload_help": "At most {limit} MB.",
        "streamlit_upload_button": "Upload",
        "streamlit_upload_limit": "{limit} MB per file",
        "streamlit_upload_drop": "Drag and drop a file here",
        "streamlit_input_apply": "Press Enter to apply",
        "streamlit_input_submit": "Press Enter to submit form",
        "data_too_large": "The file {file} is {size} MB, above the {limit} MB limit. Keep only the sheets and columns "
        "needed, or ask an admin to raise server.maxUploadSize in .streamlit/config.toml.",
        "data_sheet": "Sheet",
        "data_period": "Month of the figures",
        "data_period_help": "For a file without a month column. When none is chosen, the month comes from the "
        "file's month column or its title.",
        "data_period_from_file": "From the file",
        "data_as_of": "Date of the population figures",
        "data_as_of_help": "Dukcapil semesters: 30 June (S1) or 31 December (S2).",
        "data_mapping_heading": "Column mapping",
        "data_mapping_intro": "A column the import needs was not recognised, or two columns read as it. Choose the "
        "file's column that holds it.",
        "data_mapping_typed": "No row of column headers was recognised. Type the headers exactly as in the file.",
        "data_mapping_none": "(none)",
        "data_preview_heading": "Rows read",
        "data_preview_caption": "{rows} data rows read (header row {header_row}); the first {shown} are shown. "
        "Total rows are not imported.",
        "data_report_heading": "Check results",
        "data_no_findings": "No errors or warnings.",
        "data_errors": "{n} errors: the file cannot be saved until they are fixed.",
        "data_warnings": "{n} warnings: check them, then save if the figures are right.",
        "data_changes_heading": "What would change",
        "data_confirm": "Save",
        "data_confirm_blocked": "Fix the errors above, then upload the file again.",
        "data_saved": "Saved as batch {batch}. Every page now uses the new figures.",
        "data_changed_since_check": "Not saved: the figures of {city} changed after the file was checked (another "
        "import or restore). The file has been checked again below; review it, then save.",
        "data_history_heading": "Import history",
        "data_restore_heading": "Restore an earlier revision",
        "data_restore_intro": "The figures of an import that was replaced can be made current again. A restore is "
        "recorded as a new batch; no figure is deleted.",
        "data_restore_line": "Batch {batch} · {file} · {summary} · {who}, {when}",
        "data_restore_button": "Restore",
        "data_col_row": "Row",
        "data_col_day": "Month/date",
        "data_col_change": "Change",
        "data_change_added": "new",
        "data_change_changed": "changed",
        "data_change_removed": "removed",
        "data_change_unchanged": "unchanged",
        "data_col_batch": "Batch",
        "data_col_when": "When",
        "data_col_who": "By",
        "data_col_kind": "Kind",
        "data_col_file": "File",
        "data_col_sha256": "SHA-256",
        "data_col_rows": "Rows",
        "data_col_status": "Status",
        "data_col_summary": "Summary",
        "data_batch_kind_coverage": "coverage",
        "data_batch_kind_population": "population",
        "data_batch_kind_boundaries": "boundaries",
        "data_batch_kind_restore": "restore",
        "data_batch_kind_demo": "demo",
        "data_batch_kind_gazetteer": "region list",
        "data_batch_kind_synthetic": "synthetic",
        "data_batch_kind_legacy": "earlier data",
        "data_level": "Region level",
        "data_level_guess": "Guess from the file",
        "data_level_kecamatan": "Kecamatan",
        "data_level_kelurahan": "Kelurahan/desa",
        "data_skip_bad": "Save the matched features only; leave out those with problems",
        "import_unknown_region": "region “{value}” is not in {city}. Closest: {suggestions}. Write the Kemendagri "
        "code or the region's name as in that list, then import again.",
        "import_unknown_code": "code “{value}” is not a region of {city}. Check the code (Kemendagri such as "
        "61.71.01.1002, or BPS), or write the kecamatan and kelurahan names, then import again.",
        "import_ambiguous_region": "“{value}” could be several regions: {suggestions}. Write the region's Kemendagri "
        "code, or the kecamatan beside the kelurahan's name, then import again.",
        "import_no_region": "no region code or name. Fill in the kelurahan (or kecamatan) or its code, or remove the "
        "row.",
        "import_level_sum_mismatch": "{region} holds {figure} in this file, but its {children} regions in the "
        "same file add up to {children_sum}. The figure of {region} itself is shown for it; check which row is "
        "right, then import again if needed.",
        # -- issue 10, item 3: long layouts (rows per region x sex x year) --
        "import_bad_year": "“{value}” is not a year. Write the year with four digits (such as 2024), then import again.",
        "import_several_years": "this file holds figures of several years ({years}) and which one to import is not "
        "clear. Choose the date: --as-of {latest}-12-31 on the command line (or --period for a recap), or the date "
        "box on the Data page; only that year's rows are imported.",
        "import_year_not_in_file": "this file holds the years {years}, but the date chosen is {date}. Choose a date "
        "in one of those years, then import again.",
        "import_years_left_out": "{rows} row(s) of {years} left out: only the rows of {year} (the year of the date "
        "chosen) are imported.",
        "import_as_of_month_not_in_file": "this file's month column holds {months}, but the population date chosen "
        "is {date}. Choose a date in one of those months (such as its last day), then import again.",
        "import_months_left_out": "{rows} row(s) of {months} left out: only the rows of {month} (the month of the "
        "population date chosen) are imported.",
        "import_bad_sex": "“{value}” is not a sex. Write L or P (Laki-laki/Perempuan), then import again.",
        "import_one_sex_only": "{value} has rows of one sex only: that is half its population. Add the rows of the "
        "other sex, then import again.",
        "import_sex_total_mismatch": "this region's total row ({total}) is not men + women ({sum}). The total row is "
        "used; check the figures.",
        "import_sexes_added_up": "{rows} rows by sex added up per region into {regions} regions.",
        "import_similar_name": "“{value}” was read as {region} ({region_code}), the closest name. If that is wrong, "
        "write the Kemendagri code of the region meant.",
        "import_duplicate_region": "{region} ({region_code}) is already in row {first_row}. A region may have one row "
        "per month: remove one of them, then import again.",
        "import_active_above_registered": "{active} active participants is more than the {registered} registered. "
        "Active must be at most registered: check both figures, then import again.",
        "import_registered_missing": "registered participants is empty. Fill it in (or active and inactive "
        "participants), then import again.",
        "import_population_missing": "the population is empty. Fill it in, or remove the row, then import again.",
        "import_period_missing": "the month of the figures is unknown: the file has no month/period column. Choose "
        "the month (on the command line: --period YYYY-MM) or add a month column.",
        "import_period_missing_in_row": "the month is empty. Fill it in (for example 2025-06), then import again.",
        "import_period_conflict": "month {value} differs from the month chosen ({period}); {rows} rows differ. Choose "
        "the file's month, or correct that column.",
        "import_as_of_missing": "the date of the population figures is not chosen. Choose it (on the command line: "
        "--as-of YYYY-MM-DD), for example 2025-06-30 for Dukcapil semester 1 2025.",
        "import_no_rows": "no data rows. Check the sheet and its header row.",
        "import_registered_above_population": "{region} has {registered} registered participants for a population of "
        "{population} in this file: coverage {coverage_pct}, above 105%. Check both figures; if they are right "
        "(people registered away from home), the import goes on.",
        "import_registered_above_stored_population": "{region} has {registered} registered participants for a stored "
        "population of {population} (as of {as_of}): coverage {coverage_pct}, above 105%. Check the participants, or "
        "import newer population figures; if they are right (people registered away from home), the import goes on.",
        "import_refused_no_city": "The store has no regions of kab/kota {city}. Add them first with "
        "`python -m uhc init --city {city}`.",
        "import_refused_errors": "{file} has {errors} error(s) and was not imported: fix the file (see the "
        "report) and import it again.",
        "import_refused_changed": "The figures of {city} for these dates changed in the store after {file} was "
        "checked (another import or restore). Check the file again, then import it.",
        "import_refused_no_batch": "There is no batch {batch}. `python -m uhc history` lists the batches.",
        "import_refused_nothing_to_restore": "Batch {batch} ({kind}) holds no coverage or population figures to "
        "restore.",
        "import_regions_missing_kelurahan": "{period}: {missing} of the city's {expected} kelurahan are not in "
        "the file ({names}). The kecamatan and city figures of that month add up only the kelurahan present, so "
        "they stay too low until the others are imported; the import goes on.",
        "import_regions_missing_kecamatan": "{period}: {missing} of the city's {expected} kecamatan are not in "
        "the file ({names}). The city figure of that month adds up only the kecamatan present, so it stays too "
        "low until the others are imported; the import goes on.",
        "import_registered_jump": "{region} has {registered} registered participants, {change_pct} against {previous} "
        "in {previous_period}. A change above 10% is rare: check the month and the region; the import goes on.",
        "import_kind_coverage": "coverage",
        "import_kind_population": "population",
        "import_heading": "{file}: {kind} figures of {city} ({city_code}), {dates}: {rows} rows",
        "import_changes_coverage": "coverage: {added} new, {changed} changed, {removed} removed, {unchanged} unchanged",
        "import_changes_population": "population as of {dates}: {added} new, {changed} changed, {removed} removed, "
        "{unchanged} unchanged",
        "import_replaces": "Replaces the figures of batch {batches}; the earlier figures stay in the history and "
        "can be restored.",
        "import_already": "{file} was already imported as batch {batch}: nothing changes.",
        "import_same_figures": "The figures in {file} are already in the store (batch {batch}): nothing changes.",
        "import_done": "Stored as batch {batch}.",
        "import_dry_run": "Dry run: nothing was written.",
        "import_refused": "{file} was not imported: {errors} error(s). Correct the rows named below, then import it "
        "again.",
        "import_error": "Error",
        "import_warning": "Warning",
        "import_restored": "Batch {batch} restored as batch {new}.",
        "import_restore_nothing": "The figures of batch {batch} are already in force: nothing changes.",
        "import_summary_restore": "restores batch {batch}",
        "import_summary_warnings": "{n} warnings",
        "import_status_current": "current",
        "import_status_partly_current": "partly current",
        "import_status_restored": "restored",
        "import_status_superseded": "superseded",
        "import_history_empty": "No imports yet.",
        "ingest_where_file": "File “{file}”",
        "ingest_where_sheet": ", sheet “{sheet}”",
        "ingest_where_row": ", row {row}",
        "ingest_where_column": ", column “{column}”",
        "ingest_other": "finding “{code}”.",
        "ingest_field_region": "region (region code, kecamatan or kelurahan)",
        "ingest_field_registered_or_parts": "registered participants (or active and inactive participants)",
        "ingest_field_region_code": "region code",
        "ingest_field_kecamatan": "kecamatan (district)",
        "ingest_field_kelurahan": "kelurahan/desa (village)",
        "ingest_field_period": "month",
        "ingest_field_population": "population",
        "ingest_field_registered": "registered participants",
        "ingest_field_active": "active participants",
        "ingest_field_inactive": "inactive participants",
        "ingest_field_pbi_apbn": "PBI APBN (central government)",
        "ingest_field_pbi_apbd": "PBI APBD (registered by the local government)",
        "ingest_field_ppu": "PPU (wage earners)",
        "ingest_field_pbpu": "PBPU (self-paying)",
        "ingest_field_bp": "BP (non-workers)",
        "ingest_reason_empty": "the file is empty",
        "ingest_reason_binary": "it is neither CSV text nor an Excel workbook",
        "ingest_reason_pdf": "it is a PDF, not a table; export the table to Excel or CSV",
        "ingest_reason_excel": "the Excel workbook is damaged or not recognised (it may be password-protected)",
        "ingest_reason_csv": "the CSV is malformed (perhaps a quotation mark is not closed)",
        "ingest_reason_too_large": "the file is too large (over 50 MB or 2,000,000 rows)",
        "ingest_reason_internal": "an unexpected error occurred while reading; send this file to the dashboard's "
        "maintainers",
        # Hostile files (issue 10): limits checked before a file is opened, and the reader's child process.
        "ingest_reason_sheet_rows": "a sheet declares or holds cells below row 2,000,000, the reader's row limit "
        "(perhaps formatted cells far below the table); delete the rows below the table or split the file",
        "ingest_reason_sheet_columns": "a sheet declares or holds cells right of column 500 (column SF), the "
        "reader's column limit; a recap has tens of columns, so delete the columns right of the table",
        "ingest_reason_sheet_cells": "a sheet spans more than 20,000,000 cells (rows × columns), the reader's "
        "limit; delete the empty rows and columns around the table or split the file",
        "ingest_reason_zip_entries": "the workbook holds more than 5,000 parts or 1,000 sheets, the reader's limit; "
        "copy just the recap sheet into a new workbook",
        "ingest_reason_zip_uncompressed": "the workbook's content is over 200 MB once unpacked from its archive (.xlsx "
        "and .ods files are zip archives), the reader's limit; copy just the recap sheet into a new workbook",
        "ingest_reason_zip_ratio": "part of it is compressed more than 200 times, the mark of a zip bomb rather than "
        "a table; save the table again from a spreadsheet program",
        "ingest_reason_shared_strings": "the workbook holds more than 5,000,000 texts or 100 MB of text, the reader's "
        "limit; copy just the recap sheet into a new workbook",
        "ingest_reason_csv_columns": "a line near the top has 500 columns or more, the reader's limit; a recap has "
        "tens of columns, so check the column separator or delete empty columns",
        "ingest_reason_reader_memory": "reading it needed more than 2 GB of memory, the reader's limit; delete the "
        "empty rows and columns around the table or split the file",
        "ingest_reason_reader_time": "reading it needed more than 60 seconds, the reader's limit; delete the empty "
        "rows and columns around the table or split the file",
        "ingest_reason_reader_crashed": "the spreadsheet reader stopped abruptly while opening it; save the table "
        "again from a spreadsheet program",
        "ingest_convention_id": "Indonesian format (dot for thousands, comma for decimals)",
        "ingest_convention_en": "English format (comma for thousands, dot for decimals)",
        "ingest_unreadable": "the file cannot be read: {reason}. Save the table again from Excel as .xlsx or CSV, "
        "then upload it again.",
        "ingest_no_header": "no recognisable row of column headers in the first {rows} rows. Expected one row with "
        "headers such as “Kecamatan”, “Kelurahan”, “Kode Wilayah”, “Jumlah Penduduk”, “Jumlah Peserta”, “Peserta "
        "Aktif”. Add a header row above the data, or choose the columns with a column mapping.",
        "ingest_no_header_any_sheet": "no sheet has a recognisable row of column headers in its first {rows} rows "
        "(sheets checked: {sheets}). Expected headers such as “Kecamatan”, “Kelurahan”, “Jumlah Penduduk”, “Jumlah "
        "Peserta”. Choose the sheet, add a header row, or choose the columns with a column mapping.",
        "ingest_mapping_not_found_any_sheet": "the headers of the column mapping ({headers}) are not found together "
        "on any sheet (sheets: {sheets}). Choose the sheet, or make the mapping match the file's headers.",
        "ingest_missing_column": "no {field} column. Headers looked for: {synonyms}. Headers in the file: "
        "{headers}. Rename the column in the file to one of those looked for, or choose it with a column mapping.",
        "ingest_mapping_unknown_header": "the column mapping chooses “{value}” as {field}, but the file has no such "
        "header. Headers in the file: {headers}. Choose one of them.",
        "ingest_mapping_unknown_field": "the column mapping uses the unknown name “{value}”. Names that can be used: "
        "{names}.",
        "ingest_unknown_sheet": "the workbook has no sheet “{value}”. Its sheets: {sheets}. Choose one of them.",
        "ingest_not_a_number": "“{value}” is not a number of people. This column is read in {convention}; expected "
        "a whole number such as 687.031 or 687031. Correct the cell (leave it empty or write “-” when there is no "
        "figure), then upload again.",
        "ingest_not_a_number_header": "“{value}” is not a number of people but looks like a column header: the "
        "table's header may span two rows (such as “Jumlah Penduduk” over “Laki-laki | Perempuan | Jumlah”). Choose "
        "the column that holds the {field} figures with a column mapping: the column mapping boxes on the Data page, "
        "or --column {canonical}='{example}' on the command line (the header as written in the file).",
        "ingest_not_whole": "“{value}” is not a whole number, and a number of people always is. Check the thousands "
        "separator (687.031 in Indonesian format) and whether this column was swapped with a percentage column; "
        "correct it, then upload again.",
        "ingest_negative": "“{value}” is negative; a number of people cannot be below zero. Correct the cell, then "
        "upload again.",
        "ingest_bad_period": "“{value}” cannot be read as a month. Write the month like 2025-06, Juni 2025, Jun-25 "
        "or 01/06/2025, then upload again.",
        "ingest_missing_region": "this row holds figures but no region name or code. Fill in the kecamatan/kelurahan "
        "or the region code, or delete the row if it is not a region's data.",
        "ingest_inactive_above_registered": "inactive participants ({inactive}) exceed registered participants "
        "({registered}), so active participants cannot be computed. Check both figures, then upload again.",
        "ingest_total_mismatch": "the total row “{label}” says {file_total}, but the rows it totals add up to "
        "{rows_sum} (a difference of {difference}). The total row is not imported; check for missing, extra or "
        "mistyped rows.",
        "ingest_registered_mismatch": "registered participants {registered} differ from active {active} + inactive "
        "{inactive} = {sum}. Registered participants are imported as written; check the figures.",
        # issue 10, broken files never half-imported (reader body)
        "ingest_unclosed_quote": 'a quotation mark (") opened in line {first_line} is never closed, so lines '
        "{first_line} to {last_line} read as one cell. No row was imported. Close or remove that quotation mark, "
        "then upload again.",
        "ingest_row_too_short": "this row has only {cells} cells, but the header row has {expected} columns: the "
        "figures of the missing columns cannot be read (the file may be cut short). No row was imported. Complete "
        "this row or save the table again from Excel, then upload again.",
        "ingest_row_too_long": "this row has cells up to column {cells}, but the header row has only {expected} "
        "columns: its figures may be shifted (a separator inside a name without quotation marks, for example). No "
        "row was imported. Correct this row, then upload again.",
        "ingest_rows_cut_short": "the total row “{label}” above the data says {file_total}, but the rows below it "
        "(up to row {last_row}) add up to only {rows_sum}: the table is cut short or rows are missing. No row was "
        "imported. Complete the table, then upload again.",
        "ingest_segments_mismatch": "the segments ({fields}) add up to {sum}, not to the {registered} registered "
        "participants. The figures are imported as written; check that segments and total come from the same data.",
        "ingest_duplicate_column": "the columns “{used}” and “{other}” are both read as {field}, so it is not clear "
        "which figures are meant. Choose the column with a column mapping: the column mapping boxes on the Data "
        "page, or --column {canonical}='{other}' on the command line.",
        "ingest_period_differs_from_title": "the month chosen ({period}) differs from the month in the file's title "
        "({title_period}). Make sure the month chosen is right.",
        "ingest_more_issues": "{count} more findings are not shown. Correct the findings above first, then upload "
        "again.",
        # -- issue 10, items 2, 5, 10: only counts are counts, code columns per level, long reports --
        # -- issue 10, items 3, 4: long layouts and population parts --
        "ingest_population_from_parts": "this file has no total population column: the population is taken as "
        "“{first}” + “{second}” for every region.",
        "ingest_population_parts_mismatch": "the population {population} is not “{first}” + “{second}” = {sum}. "
        "The total column is used; check the figures in this row.",
        "ingest_field_sex": "sex",
        "ingest_field_year": "year",
        "ingest_not_a_count": "column “{value}” is {reason}, not {field}; this file has no {field} column. Such "
        "figures are not stored as counts of people. Upload a table that holds counts of people per region (a "
        "column such as “Jumlah Penduduk” or “Jumlah Peserta”), then import again.",
        "ingest_reason_not_count_density": "population density (people per km²)",
        "ingest_reason_not_count_area": "an area (km² or hectares)",
        "ingest_reason_not_count_share": "a percentage, a ratio or a rate per 1,000",
        "ingest_reason_not_count_average": "an average",
        "ingest_reason_not_count_growth": "a growth rate",
        "ingest_field_province_code": "province code",
        "ingest_field_kab_kota_code": "kab/kota code",
        "ingest_field_kecamatan_code": "kecamatan code",
        "ingest_parent_code_mismatch": "{field} “{value}” does not agree with the region code “{code}” in column "
        "“{code_column}” of the same row: the code of a level above must begin the more detailed code (31.73.01 "
        "for 31.73.01.1001). Correct one of the two cells, then import again.",
        "issues_more_of_kind": "… and {count} more of the same kind",
        # -- boundaries --
        "geo_no_file": "There is no file {file}. Check the file name and folder.",
        "geo_bad_level": "Unknown level {level}; choose one of: {levels}.",
        "geo_unreadable": (
            "{file} cannot be read as boundary data ({reason}). Save it as GeoJSON, a Shapefile (one .zip "
            "holding the .shp, .shx, .dbf and .prj) or a GeoPackage, and import it again."
        ),
        "geo_zip_too_large": (
            "{file} unpacks to {size} MB, more than the {limit} MB limit for boundary data. Put only this "
            "city's Shapefile or GeoPackage in the .zip and import it again."
        ),
        "geo_empty_zip": (
            "{file} holds no boundary data (.shp, .gpkg or .geojson). Put a complete Shapefile "
            "(.shp, .shx, .dbf, .prj) or a GeoPackage in the .zip."
        ),
        "geo_shapefile_parts": (
            "The Shapefile {part} in {file} is incomplete: {missing} is missing. Upload the .shp together "
            "with its .shx, .dbf and .prj, or one .zip holding them all."
        ),
        "geo_several_layers": (
            "{file} holds several layers: {layers}. Choose the kecamatan or kelurahan boundary layer with "
            "--layer NAME (on the Data page: the Layer choice)."
        ),
        "geo_unknown_layer": "There is no layer {layer} in {file}. Its layers: {layers}.",
        "geo_no_polygons": "{file} holds no geometry. Boundaries must be polygons.",
        "geo_no_crs_not_degrees": (
            "{file} states no coordinate reference system (CRS), and its coordinates ({bounds}) are not "
            "longitude/latitude degrees. Include the .prj file, or save it again in EPSG:4326 (WGS 84)."
        ),
        "geo_swapped": (
            "The coordinates in {file} (read as {crs}) look swapped: latitude first, then longitude "
            "({bounds}). Save it again in longitude, latitude order."
        ),
        "geo_outside_indonesia": (
            "The coordinates in {file}, read as {crs}, are not in Indonesia ({bounds}). Check the file's "
            "coordinate reference system (CRS), e.g. the Shapefile's .prj."
        ),
        "geo_crs_assumed": "none stated, read as EPSG:4326",
        "geo_unknown_field": "There is no property {field} in {file}. Its properties: {fields}.",
        "geo_no_label_field": (
            "{file} has no property holding a region code or name that could be recognised (properties: "
            "{fields}). Name them with --code-field or --name-field."
        ),
        "geo_city_not_in_store": (
            "The kab/kota {city} is not in the store yet. Run `python -m uhc init --city {city}` first."
        ),
        "geo_no_city_in_store": "The store holds no kab/kota yet. Run `python -m uhc init --city CODE` first.",
        "geo_city_unclear": (
            "The features in {file} match no city in the store ({cities}). Choose the city with --city CODE."
        ),
        "geo_other_city": (
            "The codes in {file} point to kab/kota {code}, not to a city in the store ({cities}). Add that "
            "city with `python -m uhc init --city {code}`, or import your own city's file."
        ),
        "geo_feature_no_label": (
            "{file}, feature {feature}: no {level} code or name. Expected a Kemendagri or BPS code, or a "
            "{level} name. Fill in that property, or leave this feature out."
        ),
        "geo_feature_unmatched": (
            "{file}, feature {feature}: {labels} matches no {level} in {city}. Expected a Kemendagri or BPS "
            "code, or a {level} name. Close matches: {suggestions}. Correct the code or name in the file, or "
            "leave this feature out."
        ),
        "geo_feature_ambiguous": (
            "{file}, feature {feature}: {labels} matches several {level} in {city}: {suggestions}. Add the "
            "region code, or its kecamatan, to the file."
        ),
        "geo_feature_wrong_level": (
            "{file}, feature {feature}: {labels} is the code of {suggestions}, not of a {level}. Choose another "
            "level (--level) or another code property (--code-field)."
        ),
        "geo_feature_no_polygon": (
            "{file}, feature {feature} ({labels}): its geometry is empty or not a polygon. Expected a boundary "
            "polygon; correct or delete this feature."
        ),
        "geo_duplicate_region": (
            "{file}, features {features}: several features with different labels fall on {level} {region} "
            "({labels}). Expected one region per code; correct the code or name in the file."
        ),
        "geo_not_committed": (
            "The boundaries from {file} were not stored: {count} problems, the first: {first} Nothing was "
            "changed. Correct the file, or leave the unmatched features out (--skip-bad-features)."
        ),
        "geo_nothing_matched": "No feature in {file} matches a {level} in {city}; nothing was stored.",
        "geo_report_read": (
            "{file}: {features} features, layer {layer}, CRS {crs}; level {level} ({how}); code from "
            "{code_field}, name from {name_field}."
        ),
        "geo_level_given": "as chosen",
        "geo_level_guessed": "guessed from the file",
        "geo_report_matched": "{matched} of {regions} {level} in {city} have boundaries from this file.",
        "geo_report_missing": "{count} regions without boundaries: {regions}.",
        "geo_report_outside": "{count} features lie outside {city} and were left out.",
        "geo_report_repaired": "{count} invalid geometries repaired (features {features}).",
        "geo_report_vertices": (
            "Vertices: {before} to {after} (simplified with a {tolerance_m} m tolerance; neighbours keep "
            "their shared borders)."
        ),
        "geo_report_derived": "{count} kecamatan boundaries made as the union of their kelurahan.",
        "geo_report_problems": "{count} problems:",
        "geo_report_saved": "Stored: {count} {level} boundaries for {city} (import number {batch}).",
        "geo_report_dry_run": "Dry run: nothing was stored.",
        # -- boundaries as they come: BPS codes, caps, unsafe zips (issue 10, item 7) --
        "geo_report_bps_unknown": (
            "{count} features carry BPS codes ({field}) that the store's region tree of {city} does not hold; "
            "they were matched by their names. Add the regions' BPS codes (a crosswalk) to use the codes."
        ),
        "geo_report_left_out": "{count} features left out (features {features}). {level} without a boundary: {regions}.",
        "geo_file_too_large": (
            "{file} is {size} MB, more than the {limit} MB limit for boundary files. Import one city only, or "
            "simplify the geometry first (QGIS: Vector > Geometry Tools > Simplify; or mapshaper.org), then "
            "import again."
        ),
        "geo_too_many_features": (
            "{file} holds {count} features, more than the limit of {limit} (a city has at most a few hundred "
            "kelurahan). Import only this city's features: filter them in QGIS and save a new file, or download "
            "the file of one city."
        ),
        "geo_too_many_vertices": (
            "{file} holds {count} vertices, more than the limit of {limit}. Simplify the geometry first (QGIS: "
            "Vector > Geometry Tools > Simplify; or mapshaper.org, e.g. to 10%), or import one city only, then "
            "import again."
        ),
        "geo_zip_unsafe_member": (
            "{file} was not imported: the zip member {member} {why}. Make a new zip holding only the Shapefile "
            "(.shp, .shx, .dbf, .prj) or GeoPackage, with no folders inside, and import again."
        ),
        "geo_zip_why_symlink": "is a link (symlink), not a file",
        "geo_zip_why_outside": "points outside the zip's folder",
        "geo_zip_why_directory": "is a folder named like a file",
        "geo_zip_why_encrypted": "is locked with a password",
        "geo_zip_too_many_members": (
            "{file} holds {count} files, more than the limit of {limit}. Put only this city's Shapefile or "
            "GeoPackage in the .zip, then import again."
        ),
        # -- exports: press PNGs, the briefing (pages/ekspor.py, python -m uhc export) --
        "export_default_instansi": "the {city} Health Office",
        "export_source": "Source: BPJS Kesehatan, Dukcapil; processed by {agency}",
        "export_vintage": "Participants as of {month} · Dukcapil population {semester}",
        "export_demo": "SYNTHETIC DEMO DATA, not official figures",
        "export_title_coverage": "JKN coverage and the UHC target",
        "export_title_map": "JKN coverage by kecamatan",
        "export_title_ranking": "Residents still to enrol to reach the target, by kecamatan",
        "export_title_segments": "Registered JKN participants by segment",
        "export_title_activity": "JKN activity rate",
        "export_title_map_metric": "{metric} by {level}",
        "ranking_people": "{people} people",
        "ranking_coverage": "coverage {coverage}",
        "page_export": "Export",
        "export_heading": "Export: {city}, {period}",
        "export_intro": "Press-ready pictures and the briefing for the mayor, made on this server with no internet.",
        "export_size": "Picture size",
        "export_size_1600x900": "1600 × 900 (landscape)",
        "export_size_1080x1080": "1080 × 1080 (social media)",
        "export_size_1200x1500": "1200 × 1500 (portrait)",
        "export_size_help": "Layout size; the PNG file is twice as large ({width} × {height} pixels).",
        "export_download_png": "Download PNG",
        "export_press_heading": "Pictures for press releases",
        "export_download_zip": "Download every picture (ZIP)",
        "export_briefing_heading": "Briefing for the mayor",
        "export_briefing_intro": (
            "A two-page A4 PDF: headline figures, UHC status, map, trend and projection, the five kecamatan "
            "furthest from the target, the budget needed and the data sources."
        ),
        "export_download_pdf": "Download PDF",
        "export_download_pptx": "Download PPTX",
        "export_branding": "Source line: “{source}”. Logo: {logo}.",
        "export_logo_set": "stored",
        "export_logo_none": "none",
        "export_branding_help": (
            "Editors can change them below, or (with the dashboard stopped) with "
            '`python -m uhc settings --instansi "…" --logo logo.png`.'
        ),
        "export_failed": "The picture could not be made: {reason}",
        "export_no_chromium": "Chromium is not installed (on Debian: sudo apt-get install chromium).",
        "export_branding_edit": "Change the agency and logo (editors)",
        "export_left_out_heading": "Not made:",
        "export_left_out_months": "a trend needs at least two months of data ({months} available)",
        "export_left_out_kecamatan": "this month's figures are not broken down by kecamatan",
        "export_left_out_map": "no kecamatan boundaries are stored (import them on the Data page or with python -m uhc import boundaries)",
        "export_left_out_segments": "the coverage recaps do not split participants by segment",
        "export_branding_login": "Only editors can change the agency and logo: log in on the Data page.",
        "export_instansi": "Agency that processed the data (source line)",
        "export_instansi_help": "When empty: {default}.",
        "export_logo": "Logo (PNG or JPEG)",
        "export_logo_remove": "Remove the logo",
        "export_branding_save": "Save",
        "export_branding_saved": "The agency and logo of {city} are saved.",
        "export_logo_bad": "{file} is not a PNG or JPEG image; nothing was changed.",
        "export_preview": "Preview",
        # -- the briefing pack (PDF and PPTX) --
        "brief_title": "JKN Coverage Briefing for the Mayor",
        "brief_heading": "{city} · {period}",
        "brief_made": "Made {moment}",
        "brief_kpi_heading": "Headline figures",
        "brief_col_indicator": "Indicator",
        "brief_col_value": "Value",
        "brief_col_month": "Against last month",
        "brief_col_year": "Against a year ago",
        "brief_status_heading": "UHC status",
        "brief_map_heading": "Coverage by kecamatan",
        "brief_no_map": "No kecamatan boundaries are stored, so there is no map.",
        "brief_trend_heading": "Coverage trend and projection",
        "brief_trend_first_month": "A trend needs at least two months of data; {month} is the first month stored.",
        "brief_lagging_heading": "Kecamatan furthest from the {target} target",
        "brief_lagging_none": "Every kecamatan has reached the {target} target.",
        "brief_lagging_total": (
            "Together, the kecamatan short of the target need {people} people ({cost} a year); the city's figure "
            "is smaller ({city_people} people) because kecamatan above the target make up for the others."
        ),
        "brief_lagging_note": "Ranked by residents still to enrol; cost for a year at an iuran of {iuran}.",
        "brief_col_kecamatan": "Kecamatan",
        "brief_col_coverage": "Coverage",
        "brief_col_people": "To enrol",
        "brief_col_cost": "Cost for a year",
        "brief_budget_heading": "Budget needed",
        "brief_sources_heading": "Data sources",
        "brief_source_bpjs": "Participants: BPJS Kesehatan, recap of {month}.",
        "brief_source_population": "Population: Dukcapil {semester} (as of {as_of}).",
        "brief_source_rules": (
            "Coverage target {target}; UHC when coverage ≥ {min_coverage} and activity ≥ {min_activity}; "
            "iuran {iuran} per person per month (the rules in force in {month})."
        ),
        "brief_source_agency": "Processed by {agency} with uhc-dashboard; made {moment}.",
        # issue 10, codes slice: a code never wins against its own row, rows of other kab/kota,
        # counts above any real region, BPS crosswalks
        "import_code_contradicts_name": "the code and the names of this row point at different regions. The code "
        "reads as {code_readings}; the name and its kecamatan as {name_reading}. Correct the code or the name so "
        "both give the same region; if the file's codes are BPS codes, give a crosswalk (--crosswalk FILE), then "
        "import again.",
        "import_name_over_code": "“{value}” was put on {region} ({region_code}) by its name and kecamatan. Its code, "
        "read as a Kemendagri code, is {code_readings}: that contradicts the name and the kecamatan, so the code "
        "was not used (it may be a BPS code). To have BPS codes checked, give a crosswalk (--crosswalk FILE).",
        "import_rows_outside_city": "{rows} row(s) of other kab/kota left out: {cities}. Only the rows of {city} "
        "are imported; import the same file for those kab/kota if you need them.",
        "import_outside_city_rows": "{code} {name} ({rows} row(s))",
        "import_all_rows_outside_city": "not one row is in {city}: all {rows} row(s) are of other kab/kota "
        "({cities}). Choose the file's kab/kota (--city CODE), or check its code column: DKI Jakarta's BPS codes "
        "differ from the Kemendagri codes (give --crosswalk FILE).",
        "import_population_above_limit": "population {count} for {region} ({region_code}) is more than any "
        "{level} in Indonesia holds (at most {limit}). Check this column: it may be a density, a cumulative "
        "figure or the total of several regions. Correct the figure, then import again.",
        "import_registered_above_limit": "registered {count} for {region} ({region_code}) is more than the "
        "population of any {level} in Indonesia (at most {limit}). Check this column: it may be a cumulative "
        "figure or the total of several regions. Correct the figure, then import again.",
        "import_level_kelurahan": "kelurahan/desa",
        "import_level_kecamatan": "kecamatan",
        "import_level_kota": "kab/kota",
        "import_level_provinsi": "province",
        "geo_feature_code_contradicts_name": (
            "File {file}, feature {feature}: {labels}: its code and its name point at different {level}: "
            "{suggestions} (the last by the name). Correct the code or the name in the file, or skip this feature."
        ),
        "crosswalk_no_file": "There is no crosswalk file {file}.",
        "crosswalk_unreadable": "The crosswalk file {file} cannot be read as CSV: {reason}. Save it as CSV "
        "(comma or semicolon separated) with a Kemendagri code column and a BPS code column.",
        "crosswalk_no_columns": "The crosswalk file {file} has no {missing} column. Its columns: {columns}. "
        "Expected columns such as kode_kemendagri and kode_bps.",
        "crosswalk_bad_code": "Crosswalk file {file}, row {row}, column “{column}”: “{value}” is not {expected}. "
        "Correct the code, or remove that row.",
        "crosswalk_level_mismatch": "Crosswalk file {file}, row {row}: Kemendagri code {kemendagri_code} "
        "({kemendagri_level}) is paired with BPS code {bps_code} ({bps_digits} digits). A BPS {expected} code has "
        "{expected_digits} digits: correct one of them.",
        "crosswalk_repeated": "Crosswalk file {file}, row {row}: code {value} is already in row {first_row} with "
        "another partner. A code may have one partner only: remove one of them.",
        "crosswalk_prefix_mismatch": "Crosswalk file {file}: the BPS code {bps_code} of kelurahan {region} does not "
        "begin with its kecamatan's BPS code {kecamatan_bps_code}. Check both rows.",
        "crosswalk_stored": "BPS codes stored from {file}: {cities}. {elsewhere} rows for regions not in the store "
        "were skipped. Batch {batch}.",
        "crosswalk_city": "{city_code} {city}: {kelurahan} of {kelurahan_total} kelurahan/desa, {kecamatan} of "
        "{kecamatan_total} kecamatan, kab/kota BPS code {city_bps}",
        "crosswalk_city_none": "none",
        "crosswalk_by_name": "{file} has no Kemendagri codes: BPS codes were matched by name, each kecamatan within "
        "its kab/kota and each kelurahan within its kecamatan. Names not found, or found twice, got no code.",
        "crosswalk_nothing": "The crosswalk file {file} holds no region of the store. Add the city first (python -m "
        "uhc init --city CODE), or check the Kemendagri code column.",
        "crosswalk_expected_kemendagri": "a Kemendagri code (such as 61.71.05.1002 or 6171051002)",
        "crosswalk_expected_bps": "a BPS code (2, 4, 7 or 10 digits, such as 6171031002)",
        "data_batch_kind_crosswalk": "BPS code crosswalk",
        "brief_page": "Page {page}",
        # Issue 10, item 9 (targets before 2020): a month before every dated target says so in words.
        "no_target_in_force": (
            "No coverage target was in force in {month}: JKN began on 1 January 2014, and the first national "
            "target (at least 95% of residents enrolled in JKN, RPJMN 2015–2019) applies from January 2015. "
            "Give one in the Coverage target box on the Gap & budget page, or with --target on "
            "python -m uhc gap, for example --target 95."
        ),
        "no_target_short": "no target",
        "kpi_no_target": "No target",
        "target_none_in_force": "none in force",
        "projection_no_target": (
            "No projection: no coverage target was in force this month. Give one in the Coverage target box on "
            "the Gap & budget page, or with --target."
        ),
        "gap_title": "{month} · target {target}",
        "gap_title_no_target": "{month} · no target",
        "plan_no_target_dated": (
            "No coverage target was in force in {month} (JKN began on 1 January 2014; the first national target, "
            "95%, applies from January 2015). The figures on this page use the target chosen in the Coverage "
            "target box: {target}."
        ),
        "brief_lagging_no_target": "Kecamatan are not ranked by their distance to the target: {reason}",
    },
}

_BABEL_LOCALE = {"id": "id_ID", "en": "en_US"}
MISSING = "–"


def text(key: str, language: str = DEFAULT_LANGUAGE, **values) -> str:
    """The string ``key`` in ``language``, with ``{placeholders}`` filled in."""
    return STRINGS[language][key].format(**values)


def number(value: float | int | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A whole number with thousands separators: 687.031 (id), 687,031 (en)."""
    if value is None:
        return MISSING
    return format_decimal(round(value), locale=_BABEL_LOCALE[language])


def decimal(value: float | None, language: str = DEFAULT_LANGUAGE, digits: int = 1) -> str:
    """A number with ``digits`` decimals: 51,2 (id), 51.2 (en)."""
    if value is None:
        return MISSING
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=_BABEL_LOCALE[language])


def percent(value_pct: float | None, language: str = DEFAULT_LANGUAGE, digits: int = 2) -> str:
    """A percentage given on the 0-100 scale: 87,86% (id), 87.86% (en)."""
    if value_pct is None:
        return MISSING
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value_pct, format=pattern, locale=_BABEL_LOCALE[language]) + "%"


def points(value_pp: float | None, language: str = DEFAULT_LANGUAGE, digits: int = 2) -> str:
    """A signed change in percentage points: +0,53 / -1,20."""
    if value_pp is None:
        return MISSING
    zeros = "0" * digits
    pattern = f"+#,##0.{zeros};-#,##0.{zeros}"
    return format_decimal(value_pp, format=pattern, locale=_BABEL_LOCALE[language])


def signed_number(value: float | int | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A signed change in whole numbers: +1.234 / -56 / 0."""
    if value is None:
        return MISSING
    if round(value) == 0:
        return "0"
    return format_decimal(round(value), format="+#,##0;-#,##0", locale=_BABEL_LOCALE[language])


def signed_rupiah_compact(value: float | int | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A signed change in rupiah in words: +Rp1,2 miliar / -Rp840 juta."""
    if value is None:
        return MISSING
    if round(value) == 0:
        return "Rp0"
    return ("+" if value > 0 else "") + rupiah_compact(value, language)


def rupiah(value: float | int | None, language: str = DEFAULT_LANGUAGE) -> str:
    """Rupiah in full: Rp35.111.664.000."""
    if value is None:
        return MISSING
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{number(abs(value), language)}"


def rupiah_compact(value: float | int | None, language: str = DEFAULT_LANGUAGE) -> str:
    """Rupiah in words for large sums: Rp35,1 miliar (id), Rp35.1 billion (en)."""
    if value is None:
        return MISSING
    sign = "-" if value < 0 else ""
    words = format_compact_decimal(abs(value), format_type="long", fraction_digits=1, locale=_BABEL_LOCALE[language])
    return f"{sign}Rp{words}"


def month(period: dt.date | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A month by name: Juni 2025 (id), June 2025 (en)."""
    if period is None:
        return MISSING
    return format_date(period, "MMMM y", locale=_BABEL_LOCALE[language])


def month_short(period: dt.date | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A month abbreviated, for chart axes: Mei 2025 (id), May 2025 (en)."""
    if period is None:
        return MISSING
    return format_date(period, "MMM y", locale=_BABEL_LOCALE[language])


def semester(as_of: dt.date | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A Dukcapil semester from its as-of date: S1 2025 (30 June), S2 2025 (31 December)."""
    if as_of is None:
        return MISSING
    if (as_of.month, as_of.day) == (6, 30):
        return f"S1 {as_of.year}"
    if (as_of.month, as_of.day) == (12, 31):
        return f"S2 {as_of.year}"
    return format_date(as_of, "d MMMM y", locale=_BABEL_LOCALE[language])


def wait(seconds: int, language: str = DEFAULT_LANGUAGE) -> str:
    """A wait in words, never shorter than it is: 16 detik, 59 detik; from a minute on, minutes rounded up."""
    if seconds < 60:
        return format_timedelta(dt.timedelta(seconds=seconds), threshold=60, locale=_BABEL_LOCALE[language])
    minutes = math.ceil(seconds / 60)
    return format_timedelta(dt.timedelta(minutes=minutes), locale=_BABEL_LOCALE[language])


def day(date: dt.date | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A date in words: 30 Juni 2025 (id), 30 June 2025 (en)."""
    if date is None:
        return MISSING
    return format_date(date, "d MMMM y", locale=_BABEL_LOCALE[language])


def moment(when: dt.datetime | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A date and time, short: 3 Feb 2026 08.05 (id), 3 Feb 2026 08:05 (en)."""
    if when is None:
        return MISSING
    pattern = "d MMM y HH.mm" if language == "id" else "d MMM y HH:mm"
    return format_datetime(when, pattern, locale=_BABEL_LOCALE[language])
