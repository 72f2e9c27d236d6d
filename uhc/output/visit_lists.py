"""The cadres' lists: one printable PDF per RT and one XLSX per kelurahan, together in one ZIP.

A list holds personal data (UU 27/2022): names and addresses decrypted with the city key, the NIK
masked (``6171••••••••0012``) or left out. Making a kelurahan's lists is recorded in the audit
(list_audit, action ``list``) with the number of persons, never a personal value.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import polars as pl
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from uhc import figures, i18n
from uhc.core import campaign, visits
from uhc.output import briefing
from uhc.store import keys, people
from uhc.store.db import Store

MARGIN = 14 * mm
# The columns of the printed list; the masked NIK is printed under the name.
_PRINTED = ("ref", "name", "address", "age_band", "sex", "action", "result")
NO_AREA = "-"  # the RW or RT of a person the list does not place in one (a BPJS row of no resident)


class NoList(Exception):
    """No list can be made: no stored run, a purged run, or an unknown kelurahan (message key and values)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values

    def text(self, language: str) -> str:
        return i18n.text(self.key, language, **self.values)


@dataclass(frozen=True)
class Source:
    """Where a kelurahan's lists come from, as their header says."""

    kelurahan: str  # its name
    kemendagri_code: str
    run_id: int
    register_batch: int
    participant_batch: int
    made_on: dt.date
    cadre: str | None


def _heading(field: str, language: str) -> str:
    return next(id_ if language == "id" else en for name, id_, en in campaign.SHEET_COLUMNS if name == field)


def _sex(value: str | None, language: str) -> str:
    if value is None:
        return ""
    return {"male": ("L", "M"), "female": ("P", "F")}[value][0 if language == "id" else 1]


def what_to_do(row: dict, language: str) -> str:
    """The list's instruction for one person: the action, the segment and, for PBPU, the months of arrears."""
    text = i18n.text(campaign.ACTION_KEYS[row["action"]], language)
    if row["action"] in ("enrol", "reactivate") and row["segment"]:
        text += f" ({i18n.text(figures.segment(row['segment']).label_key, language)})"
    if row["arrears_months"] is not None:
        text += "; " + i18n.text("visit_arrears", language, months=i18n.number(row["arrears_months"], language))
    return text


def _legend(language: str) -> str:
    return " · ".join(f"{result.number} = {i18n.text(result.key, language)}" for result in campaign.RESULTS)


def rt_pdf(rows: pl.DataFrame, source: Source, rw: str, rt: str, *, lang: str = "id", show_nik: bool = True) -> bytes:
    """One RT's list (rows of :func:`uhc.core.visits.visits`) as an A4 PDF in large type."""
    briefing.register_fonts()
    base = ParagraphStyle("body", fontName=briefing.FONT, fontSize=12, leading=15)
    bold = ParagraphStyle("bold", base, fontName=briefing.FONT_BOLD)
    heading = ParagraphStyle("heading", base, fontName=briefing.FONT_BOLD, fontSize=17, leading=21)
    warning = ParagraphStyle(
        "warning", base, fontName=briefing.FONT_BOLD, fontSize=11, textColor=colors.HexColor("#a93226")
    )
    small = ParagraphStyle("small", base, fontSize=10.5, leading=13)
    story: list = [
        Paragraph(escape(i18n.text("visit_list_title", lang, kelurahan=source.kelurahan, rw=rw, rt=rt)), heading),
        Paragraph(
            escape(
                i18n.text(
                    "visit_list_source",
                    lang,
                    run=source.run_id,
                    register=source.register_batch,
                    participants=source.participant_batch,
                    made_on=i18n.day(source.made_on, lang),
                    persons=i18n.number(rows.height, lang),
                )
            ),
            small,
        ),
        Paragraph(escape(i18n.text("visit_list_personal", lang)), warning),
        Spacer(1, 3 * mm),
        Paragraph(
            escape(i18n.text("visit_list_cadre", lang, cadre=source.cadre or "_" * 24)),
            bold,
        ),
        Spacer(1, 3 * mm),
    ]
    header = [Paragraph(escape(_heading(f, lang)), bold) for f in _PRINTED]
    body = []
    for row in rows.iter_rows(named=True):
        name = escape(row["name"] or "")
        if show_nik and row["nik_masked"]:
            name += f"<br/><font size=10.5>{escape(_heading('nik', lang))}: {escape(row['nik_masked'])}</font>"
        cells = {
            "ref": escape(row["ref"]),
            "name": name,
            "address": escape(row["address"] or ""),
            "age_band": escape(row["age_band"] or ""),
            "sex": _sex(row["sex"], lang),
            "action": escape(what_to_do(row, lang)),
            "result": "",
        }
        body.append([Paragraph(cells[f], small if f == "ref" else base) for f in _PRINTED])
    # Landscape A4: seven columns in 12 pt type need its 269 mm; the result box is wide enough for a number.
    widths_mm = {"ref": 26, "name": 62, "address": 56, "age_band": 17, "sex": 12, "action": 62, "result": 24}
    width = landscape(A4)[0] - 2 * MARGIN
    total = sum(widths_mm.values())
    fields = _PRINTED
    table = Table([header, *body], colWidths=[width * widths_mm[f] / total for f in fields], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e8e8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 9),
                ("TOPPADDING", (0, 1), (-1, -1), 6),
            ]
        )
    )
    story += [
        table,
        Spacer(1, 4 * mm),
        Paragraph(escape(i18n.text("visit_list_legend", lang)), bold),
        Paragraph(escape(_legend(lang)), base),
        Spacer(1, 6 * mm),
        Paragraph(escape(i18n.text("visit_list_signature", lang)), base),
    ]
    out = io.BytesIO()
    title = i18n.text("visit_list_title", lang, kelurahan=source.kelurahan, rw=rw, rt=rt)
    SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
    ).build(story)
    return out.getvalue()


def kelurahan_xlsx(rows: pl.DataFrame, source: Source, *, lang: str = "id", show_nik: bool = True) -> bytes:
    """The kelurahan's sheet: two title rows, the header row of campaign.SHEET_COLUMNS in ``lang``, one
    row per person (Kode = the person's reference), and a dropdown of the results 1-8 in the result column."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = i18n.text("visit_sheet_name", lang)
    sheet.append([i18n.text("visit_sheet_title", lang, kelurahan=source.kelurahan, code=source.kemendagri_code)])
    sheet.append([i18n.text("visit_list_personal", lang)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"].font = Font(bold=True, color="A93226")
    sheet.append([en if lang == "en" else id_ for _, id_, en in campaign.SHEET_COLUMNS])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows.iter_rows(named=True):
        values = {
            "ref": row["ref"],
            "rw": row["rw"] or NO_AREA,
            "rt": row["rt"] or NO_AREA,
            "name": row["name"],
            "nik": row["nik_masked"] if show_nik else None,
            "address": row["address"],
            "age_band": row["age_band"],
            "sex": _sex(row["sex"], lang),
            "action": what_to_do(row, lang),
            "cadre": source.cadre,
        }
        sheet.append([values.get(field) for field, _, _ in campaign.SHEET_COLUMNS])
    fields = [field for field, _, _ in campaign.SHEET_COLUMNS]
    column = chr(ord("A") + fields.index("result"))
    choices = ",".join(f"{result.number}" for result in campaign.RESULTS)
    dropdown = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    dropdown.prompt = _legend(lang)
    dropdown.showInputMessage = True
    sheet.add_data_validation(dropdown)
    dropdown.add(f"{column}4:{column}{max(4, rows.height + 3)}")
    for letter, width in zip("ABCDEFGHIJKLMN", (14, 6, 6, 28, 20, 30, 8, 6, 34, 12, 12, 12, 16, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _kelurahan(store: Store, code_or_name: str) -> tuple[str, str]:
    """(kemendagri_code, name) of a kelurahan given by its code (dotted or not) or its name."""
    tree = store.run("region_name", scope_code="", level="kelurahan")
    wanted = code_or_name.strip()
    digits = wanted.replace(".", "")
    found = tree.filter(
        (pl.col("kemendagri_code").str.replace_all(".", "", literal=True) == digits)
        | (pl.col("name").str.to_uppercase() == wanted.upper())
    )
    if found.is_empty():
        raise NoList(i18n.N_("visit_unknown_kelurahan"), kelurahan=wanted)
    if found.height > 1:
        raise NoList(i18n.N_("visit_ambiguous_kelurahan"), kelurahan=wanted)
    return str(found["kemendagri_code"][0]), str(found["name"][0])


def kelurahan_visits(
    store: Store, key: keys.CityKey, kemendagri_code: str, *, run_id: int | None, made_on: dt.date
) -> tuple[pl.DataFrame, dict]:
    """The persons to visit in one kelurahan (:func:`uhc.core.visits.visits`) and the run they come from."""
    runs = store.run("match_run")
    if run_id is not None:
        runs = runs.filter(pl.col("run_id") == run_id)
    if runs.is_empty():
        raise NoList(i18n.N_("visit_no_run") if run_id is None else i18n.N_("visit_unknown_run"), run=run_id)
    run = runs.row(0, named=True)
    if run["purged_at"] is not None:
        raise NoList(i18n.N_("visit_run_purged"), run=run["run_id"])
    persons = store.run("match_person_of_area", run_id=run["run_id"], kemendagri_code=kemendagri_code)
    rule = store.run("arrears_rule").filter(pl.col("valid_from") <= made_on)
    cap = int(rule["max_arrears_months"][-1]) if rule.height else 24
    listed = people.on_list(
        store, key, persons.select("side", "batch_id", "source_row").unique(), run["participant_batch"]
    )
    return visits.visits(persons, listed, on=made_on, max_arrears_months=cap), run


def kelurahan_zip(
    db_path: str | Path,
    key: keys.CityKey,
    kemendagri_code: str,
    *,
    run_id: int | None = None,
    cadre: str | None = None,
    made_on: dt.date,
    lang: str = "id",
    user: str = "cli",
    show_nik: bool = True,
) -> bytes:
    """The kelurahan's lists: one PDF per RT (``RW001-RT002.pdf``) and its XLSX, as a ZIP; recorded in the audit.

    ``kemendagri_code`` may be the kelurahan's code (dotted or not) or its name; ``show_nik=False``
    leaves the masked NIK out of the PDFs and the XLSX.
    """
    with Store.open(db_path) as store:
        return kelurahan_zip_in(
            store,
            key,
            kemendagri_code,
            run_id=run_id,
            cadre=cadre,
            made_on=made_on,
            lang=lang,
            user=user,
            show_nik=show_nik,
        )


def kelurahan_zip_in(
    store: Store,
    key: keys.CityKey,
    kemendagri_code: str,
    *,
    run_id: int | None = None,
    cadre: str | None = None,
    made_on: dt.date,
    lang: str = "id",
    user: str = "cli",
    show_nik: bool = True,
) -> bytes:
    """:func:`kelurahan_zip` on a store already open for writing (the dashboard's write, which holds the store)."""
    keys.check_key(store, key)
    code, name = _kelurahan(store, kemendagri_code)
    rows, run = kelurahan_visits(store, key, code, run_id=run_id, made_on=made_on)
    source = Source(name, code, run["run_id"], run["register_batch"], run["participant_batch"], made_on, cadre)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for (rw, rt), group in rows.group_by("rw", "rt", maintain_order=True):
            rw_text, rt_text = rw or NO_AREA, rt or NO_AREA
            archive.writestr(
                f"RW{rw_text}-RT{rt_text}.pdf",
                rt_pdf(group, source, rw_text, rt_text, lang=lang, show_nik=show_nik),
            )
        archive.writestr(f"{code}.xlsx", kelurahan_xlsx(rows, source, lang=lang, show_nik=show_nik))
    people.record(store, user, "list", code, rows.height, f"run {run['run_id']}: {rows.height} persons")
    return out.getvalue()
