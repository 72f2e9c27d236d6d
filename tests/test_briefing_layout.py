"""The mayor's briefing on the demo store: its decision lines, its sort order, its pages and its slides.

The PDF is read back with pypdf (its text and where each line stands), the PPTX with python-pptx
(its shapes' geometry): real files made by the real code on the demo store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools

import pytest
import shapely
from PIL import Image
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

from tests.command_line import uhc
from uhc.output import briefing, maps, report
from uhc.store.db import Store

JANUARY_2026 = dt.date(2026, 1, 1)
FEBRUARY_2025 = dt.date(2025, 2, 1)
MADE = dt.datetime(2026, 12, 7, 9, 30)


def _brief(demo_store_path, period: dt.date, language: str) -> briefing.Briefing:
    with Store.open(demo_store_path, read_only=True) as store:
        return briefing.briefing(report.load(store, None, period), language, MADE)


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def january(demo_store_path) -> tuple[briefing.Briefing, bytes]:
    brief = _brief(demo_store_path, JANUARY_2026, "id")
    return brief, briefing.pdf_bytes(brief)


def test_the_first_page_asks_for_the_decisions_with_their_cost_and_figures(january):
    _, pdf = january
    first = _pages(pdf)[0]
    decisions = first[first.index("Keputusan yang diperlukan") : first.index("Biaya: orang")]

    # The city is at 99,05% (683.706 of 690.277, README), above 98%, but two kecamatan are not:
    # Pontianak Utara 5.669 and Pontianak Timur 1.870 people short, 7.539 together;
    # 7.539 x Rp42.000 x 12 = Rp3.799.656.000
    assert (
        "Anggarkan 7.539 tempat PBI APBD baru (12 bulan) Rp3,8 miliar Kota 99,05%, di atas target 98%; "
        "kecamatan di bawah target: Pontianak Utara 94,03%, Pontianak Timur 96,05%"
    ) in decisions
    # The demo's 2026 quota is 165.000 and 161.843 PBI APBD are registered (README): 3.157 left,
    # so 7.539 - 3.157 = 4.382 places need a larger quota
    assert (
        "Naikkan kuota PBI APBD 2026 sebanyak 4.382 orang termasuk di baris pertama 161.843 PBI APBD terdaftar "
        "dari kuota 165.000; sisa 3.157"
    ) in decisions
    # Keaktifan 555.169 / 683.706 = 81,20% meets 80% in the city, but Pontianak Selatan (1.381 short)
    # and Pontianak Kota (1.152) do not: 2.533 to make active, cheapest first: 1.773 PBI APBD at the
    # iuran (1.773 x 42.000 x 12 = 893.592.000) and 760 mandiri moved to PBPU Pemda
    # (760 x 42.000 x 12 = 383.040.000): Rp1.276.632.000. Non-active: 683.706 - 555.169 = 128.537.
    assert (
        "Aktifkan kembali 2.533 peserta non-aktif agar keaktifan setiap kecamatan ≥ 80% Rp1,3 miliar "
        "Keaktifan kota 81,20% (syarat UHC ≥ 80%); 128.537 peserta non-aktif; rute termurah: Pindah ke PBPU Pemda"
    ) in decisions
    # Pratama is met (≥ 98%, ≥ 80%); Madya needs 85% active: 85% of 683.706 = 581.150,1, so 581.151
    # - 555.169 = 25.982 more active. Its cost is the planner's, every kecamatan brought to 85%:
    # 4.855 PBI APBD + 21.129 moved, (4.855 + 21.129) x 42.000 x 12 = Rp13.095.936.000
    assert (
        "Naik ke UHC Awards Madya: tambah 25.982 peserta aktif (keaktifan) Rp13,1 miliar UHC Awards kini: "
        "UHC Awards Pratama; UHC Awards Madya butuh cakupan ≥ 98% dan keaktifan ≥ 85% (kini 99,05% dan 81,20%)"
    ) in decisions
    # what changed since December 2025 (682.604 registered, 553.246 active of 690.277):
    # +1.102 and +1.923; coverage 98,89% -> 99,05% (+0,16), keaktifan 81,05% -> 81,20% (+0,15)
    assert (
        "Sejak Desember 2025: terdaftar +1.102 orang, aktif +1.923 orang, cakupan kepesertaan +0,16 poin, "
        "keaktifan +0,15 poin."
    ) in first
    # and what crossed the alert thresholds (the defaults, 98% and 80%, with the policy line 95%): only
    # Pontianak Tenggara's keaktifan, 79,91% in December -> 65.957 / 82.387 = 80,06% in January; the city
    # stays above all three (99,05%, 81,20%) and every kecamatan's coverage above 98% both months
    assert "1 wilayah melewati ambang notifikasi (cakupan 95% / 98%, keaktifan 80%): Pontianak Tenggara." in first
    assert "UHC Awards (syarat sejak Januari 2026): memenuhi UHC Awards Pratama." in first


def test_the_decisions_in_english(demo_store_path):
    first = _pages(briefing.pdf_bytes(_brief(demo_store_path, JANUARY_2026, "en")))[0]

    assert "Decisions needed" in first
    assert "Budget 7,539 new PBI APBD places (12 months) Rp3.8 billion" in first
    assert "Raise the 2026 PBI APBD quota by 4,382 people in the first line" in first
    assert "Move up to UHC Awards Madya: 25,982 more active participants (activity) Rp13.1 billion" in first
    assert "Since December 2025: registered +1,102 people, active +1,923 people" in first


def test_february_2025_the_city_needs_places_and_its_quota_takes_them(demo_store_path):
    first = _pages(briefing.pdf_bytes(_brief(demo_store_path, FEBRUARY_2025, "id")))[0]

    # README: 87,86% of 682.900 (S2 2024), 69.246 to enrol; 69.246 x 42.000 x 12 = Rp34.899.984.000
    assert (
        "Anggarkan 69.246 tempat PBI APBD baru (12 bulan) Rp34,9 miliar Cakupan 87,86%: 599.996 terdaftar dari "
        "682.900 penduduk; target 98%"
    ) in first
    # the demo's 2025 quota 162.000 less 84.000 registered leaves 78.000 >= 69.246
    assert "Kuota PBI APBD 2025 cukup untuk tempat baru tanpa biaya tambahan" in first
    # no UHC Awards tiers were in force in 2025: no line for them
    assert "Naik ke UHC Awards" not in first


def test_the_kecamatan_list_is_sorted_as_its_heading_says(demo_store_path):
    brief = _brief(demo_store_path, FEBRUARY_2025, "id")
    first = _pages(briefing.pdf_bytes(brief))[0]
    heading = "Kecamatan dengan penduduk terbanyak yang perlu didaftarkan (target 98%)"
    listed = first[first.index(heading) + len(heading) : first.index("Diurutkan menurut")]

    # all six kecamatan are short in February 2025; the five with the most people to enrol, most first
    # (Pontianak Tenggara, 6.208, is the sixth)
    expected = [
        ("Pontianak Utara", "22.400"),
        ("Pontianak Barat", "13.377"),
        ("Pontianak Timur", "12.906"),
        ("Pontianak Kota", "7.379"),
        ("Pontianak Selatan", "6.978"),
    ]
    positions = [listed.index(f"{name} ") for name, _ in expected]
    assert positions == sorted(positions)
    assert [row[0] for row in brief.lagging_rows] == [name for name, _ in expected]
    assert [row[2] for row in brief.lagging_rows] == [people for _, people in expected]
    assert "Pontianak Tenggara" not in listed


def _lowest_line_pt(page) -> float:
    """The height above the page's bottom edge of its lowest line of text other than the footer."""
    heights = []

    def visit(text, matrix, text_matrix, fonts, size) -> None:
        if text.strip():
            heights.append(matrix[5] + text_matrix[5] * matrix[3])

    page.extract_text(visitor_text=visit)
    footer = min(heights)
    return min(height for height in heights if height > footer + 1)


@pytest.mark.parametrize("period", [FEBRUARY_2025, JANUARY_2026])
def test_two_full_pages_and_no_blank_quarter(demo_store_path, period):
    reader = PdfReader(io.BytesIO(briefing.pdf_bytes(_brief(demo_store_path, period, "id"))))

    assert len(reader.pages) == 2
    for page in reader.pages:
        # the text frame ends 20 mm (56,7 pt) above the bottom; what is left blank under the last
        # line stays under a quarter of the A4 page's 841,9 pt
        assert _lowest_line_pt(page) - 56.7 < 841.9 / 4
    # page 2 holds the map and the trend
    assert len(reader.pages[1].images) == 2


def _boxes(slide) -> list[tuple[str, int, int, int, int]]:
    return [
        (shape.name, shape.left, shape.top, shape.left + shape.width, shape.top + shape.height)
        for shape in slide.shapes
    ]


def test_the_slides_keep_apart_from_each_other_and_the_footer(demo_store_path):
    for period in (FEBRUARY_2025, JANUARY_2026):
        deck = Presentation(io.BytesIO(briefing.pptx_bytes(_brief(demo_store_path, period, "id"))))
        footer_top = Emu(int(briefing.FOOTER_TOP_IN * 914400))

        assert len(deck.slides) == 6
        for slide in deck.slides:
            boxes = _boxes(slide)
            assert [name for name, *_ in boxes].count("footer") == 1
            for name, left, top, right, bottom in boxes:
                assert left >= 0 and right <= deck.slide_width and top >= 0 and bottom <= deck.slide_height, name
                if name != "footer":
                    assert bottom <= footer_top, (name, bottom, footer_top)
            for a, b in itertools.combinations(boxes, 2):
                apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
                assert apart, (a, b)


def test_the_slides_have_their_own_table_look_and_projector_sized_charts(demo_store_path):
    deck = Presentation(io.BytesIO(briefing.pptx_bytes(_brief(demo_store_path, JANUARY_2026, "id"))))
    tables = [shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table]
    pictures = [shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13]

    assert len(tables) == 4  # the figures, the decisions, every kecamatan beside the map, those lagging
    for table in tables:
        # not PowerPoint's "Medium Style 2 - Accent 1", no banding: the deck's own tint and rules
        assert table._tbl.tblPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}tableStyleId").text == (
            "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"
        )
        assert not table.first_row and not table.horz_banding
        for row in table.rows:
            for cell in row.cells:
                for run in cell.text_frame.paragraphs[0].runs:
                    assert run.font.name == "Arial" and run.font.size.pt >= 13
    # the decisions slide lists the four decisions
    assert len(tables[1].rows) == 5
    # the map and the trend take at least 5 of the slide's 7,5 inches
    assert len(pictures) == 2
    assert min(picture.height for picture in pictures) >= 5 * 914400 * 0.9
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                assert all(run.font.size.pt >= 10 for p in shape.text_frame.paragraphs for run in p.runs)


def test_the_briefing_map_names_every_kecamatan_inside_its_polygon(demo_store_path):
    with Store.open(demo_store_path, read_only=True) as store:
        city_month = report.load(store, None, JANUARY_2026)
    figure = maps.press_map_figure(city_month.shapes, city_month.kecamatan, "coverage", "id")

    picture = briefing.picture_figure(figure, briefing.MAP_SIZE_PX, "id")

    [labels] = [trace for trace in picture.data if trace.name == maps.LABELS_TRACE]
    lines = [text.replace("<b>", "").replace("</b>", "").split("<br>") for text in labels.text]
    names = {
        " ".join(name_lines): (lon, lat)
        for (*name_lines, _), lon, lat in zip(lines, labels.lon, labels.lat, strict=True)
    }
    # the briefing's earlier 1000 x 560 picture named four of the six; this one names all
    assert sorted(names) == sorted(city_month.shapes["name"])
    for name, polygon in zip(city_month.shapes["name"], city_month.shapes.geometry, strict=True):
        assert polygon.contains(shapely.Point(names[name])), name


def test_without_segment_figures_the_reactivation_and_award_costs_are_unknown_not_zero(tmp_path):
    # Two kecamatan of Jakarta Barat, January 2026, a recap without segments:
    #   Cengkareng 588.000 registered of 600.000 (98%), 411.600 active (70%);
    #   Taman Sari 107.800 of 110.000 (98%), 86.240 active (80%).
    # City: 695.800 of 710.000 = 98,00%; keaktifan 497.840 / 695.800 = 71,55%, under 80%.
    # Cengkareng needs 80% of 588.000 = 470.400 active: 58.800 more; Taman Sari none.
    population = tmp_path / "penduduk.csv"
    population.write_text(
        "Kode;Kecamatan;Jumlah Penduduk\n31.73.01;Cengkareng;600000\n31.73.03;Taman Sari;110000\n", encoding="utf-8"
    )
    recap = tmp_path / "rekap.csv"
    recap.write_text(
        "Kode;Kecamatan;Jumlah Peserta;Peserta Aktif\n31.73.01;Cengkareng;588000;411600\n"
        "31.73.03;Taman Sari;107800;86240\n",
        encoding="utf-8",
    )
    db = tmp_path / "jb.duckdb"
    for step in (
        ("init", "--city", "31.73"),
        ("import", "population", population, "--as-of", "2025-12-31"),
        ("import", "coverage", recap, "--period", "2026-01"),
    ):
        done = uhc("--db", db, *step)
        assert done.returncode == 0, (step, done.stderr)
    with Store.open(db, read_only=True) as store:
        brief = briefing.briefing(report.load(store, "31.73", JANUARY_2026), "id", MADE)
    rows = {row[0]: row for row in brief.decision_rows}

    react = rows["Aktifkan kembali 58.800 peserta non-aktif agar keaktifan setiap kecamatan ≥ 80%"]
    assert react[1] == "–"
    assert "Rekap bulan ini tidak memuat peserta per segmen" in react[2]
    # Pratama needs 80% keaktifan in the city: 80% of 695.800 = 556.640, 58.800 more than 497.840;
    # Pratama sets no Pemda share, but without segment figures its reactivation has no price
    [award] = [row for row in brief.decision_rows if row[0].startswith("Naik ke UHC Awards Pratama")]
    assert award[0] == "Naik ke UHC Awards Pratama: tambah 58.800 peserta aktif (keaktifan)"
    assert award[1] == "–"
    # no quota stored: the line says how to store one, at no cost named
    assert rows["Tetapkan kuota PBI APBD 2026"][1] == "–"


def _label_sizes(figure) -> list[float]:
    [trace] = [trace for trace in figure.data if trace.name == maps.LABELS_TRACE]
    return list(trace.textfont.size)


def test_the_slide_map_s_names_read_at_14_pt_and_the_pdf_map_s_at_8(demo_store_path):
    with Store.open(demo_store_path, read_only=True) as store:
        city_month = report.load(store, None, JANUARY_2026)
    figure = maps.press_map_figure(city_month.shapes, city_month.kecamatan, "coverage", "id")
    brief = briefing.briefing(city_month, "id", MADE)
    deck = Presentation(io.BytesIO(briefing.pptx_bytes(brief)))
    [map_slide] = [slide for slide in deck.slides if "Cakupan per kecamatan" in slide.shapes[0].text_frame.text]
    [picture] = [shape for shape in map_slide.shapes if shape.name == "picture"]

    # the slide's picture: 384 layout px placed about 5,3 in (381,6 pt) high, so a pixel is ~0,99 pt
    # and its 15 px names are ~14,9 pt; the A4 picture placed there had 15 px in 640 px: 8,9 pt
    slide_figure = briefing.slide_map_figure(figure, "id")
    pt_per_px = picture.height.pt / briefing.SLIDE_MAP_SIZE_PX[1]
    sizes = _label_sizes(slide_figure)
    assert len(sizes) >= 4
    assert min(sizes) * pt_per_px >= 14
    with Image.open(io.BytesIO(picture.image.blob)) as image:
        assert image.size == (440 * briefing.SLIDE_MAP_SCALE, 384 * briefing.SLIDE_MAP_SCALE)
    # the map picture keeps clear of the heading, the table beside it and the footer
    [footer] = [shape for shape in map_slide.shapes if shape.name == "footer"]
    for other in map_slide.shapes:
        if other.shape_id != picture.shape_id:
            apart = (
                other.top + other.height <= picture.top
                or picture.top + picture.height <= other.top
                or picture.left + picture.width <= other.left
            )
            assert apart, other.name
    assert picture.top + picture.height <= footer.top

    # the PDF's map: 1000 px drawn the content width (210 - 2 x 16 mm = 504,6 pt): 16 px are 8,07 pt
    pdf_figure = briefing.picture_figure(
        figure, briefing.MAP_SIZE_PX, "id", label_font_px=briefing.MAP_LABEL_FONT_PX, short_names=True
    )
    sizes = _label_sizes(pdf_figure)
    assert len(sizes) == 6
    assert min(sizes) * briefing.CONTENT_WIDTH / briefing.MAP_SIZE_PX[0] >= 8


def test_the_map_slide_lists_every_kecamatan_beside_the_map_lowest_coverage_first(demo_store_path):
    deck = Presentation(io.BytesIO(briefing.pptx_bytes(_brief(demo_store_path, JANUARY_2026, "id"))))
    [map_slide] = [slide for slide in deck.slides if "Cakupan per kecamatan" in slide.shapes[0].text_frame.text]
    [table] = [shape for shape in map_slide.shapes if shape.has_table]
    [picture] = [shape for shape in map_slide.shapes if shape.name == "picture"]
    [caption] = [shape for shape in map_slide.shapes if shape.name == "caption"]

    rows = [[cell.text for cell in row.cells] for row in table.table.rows]
    # the demo's January 2026 coverage per kecamatan (as the press map names them), sorted up; the
    # slide's map names only four of the six, so the table is where Selatan and Tenggara are read
    assert rows == [
        ["Kecamatan", "Cakupan"],
        ["Pontianak Utara", "94,03%"],
        ["Pontianak Timur", "96,05%"],
        ["Pontianak Barat", "99,73%"],
        ["Pontianak Tenggara", "101,23%"],
        ["Pontianak Selatan", "101,78%"],
        ["Pontianak Kota", "102,65%"],
    ]
    assert caption.text_frame.text == "Semua kecamatan, dari cakupan terendah"
    assert table.left >= picture.left + picture.width
    assert not [shape for shape in map_slide.shapes if shape.name == "more"]


def test_a_city_of_many_kecamatan_shows_the_lowest_that_fit_and_says_how_many_more(demo_store_path):
    brief = _brief(demo_store_path, JANUARY_2026, "en")
    # 40 kecamatan at 60,00% .. 99,00% (already sorted as briefing() sorts them)
    many = [[f"Kecamatan {n:02d}", f"{60 + n - 1:.2f}%"] for n in range(1, 41)]
    deck = Presentation(io.BytesIO(briefing.pptx_bytes(dataclasses.replace(brief, map_rows=many))))
    [map_slide] = [slide for slide in deck.slides if "coverage by kecamatan" in slide.shapes[0].text_frame.text.lower()]
    [table] = [shape for shape in map_slide.shapes if shape.has_table]
    [more] = [shape for shape in map_slide.shapes if shape.name == "more"]
    [footer] = [shape for shape in map_slide.shapes if shape.name == "footer"]

    shown = len(table.table.rows) - 1
    assert 5 <= shown < 40
    assert [row.cells[0].text for row in list(table.table.rows)[1:]] == [
        f"Kecamatan {n:02d}" for n in range(1, shown + 1)
    ]
    assert more.text_frame.text == f"{40 - shown} more kecamatan with higher coverage: see the PDF briefing."
    assert more.top + more.height <= footer.top
