"""Press PNGs: any chart or map of the dashboard laid out for a press release and rendered offline.

A press figure is the dashboard's figure with a fixed frame around it: title and subtitle (region
and period) at the top left, the optional logo at the top right, the legend under the subtitle,
and a footer with the source line, the data vintage and the city's name. Margins are worked out
here in pixels (axis automargins are off), so the frame sits in the same place on every chart.

Rendering goes through Kaleido and Debian's Chromium: one long-lived Kaleido server per process,
started on the first image (about 2 s) and reused after (about 0,2 s an image). Kaleido's
server hands mixed-up images to concurrent callers, so every render holds one lock. MathJax is
off (its CDN script would be fetched) and geo maps get the project's own topojson, so nothing
is asked of the network.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import datetime as dt
import html
import io
import math
import os
import re
import shutil
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go

from uhc import i18n
from uhc.output import charts, maps

# Press sizes in layout pixels (the PNG has twice as many each way: SCALE).
SIZES = {"1600x900": (1600, 900), "1080x1080": (1080, 1080), "1200x1500": (1200, 1500)}
SIZE_KEYS = {
    "1600x900": i18n.N_("export_size_1600x900"),
    "1080x1080": i18n.N_("export_size_1080x1080"),
    "1200x1500": i18n.N_("export_size_1200x1500"),
}
DEFAULT_SIZE = "1600x900"
SCALE = 2
# The Ekspor page's previews: the same picture at a quarter of the download's pixels (800 x 450 for
# 1600 x 900), drawn about three times faster by Kaleido (benchmarks/pages.py), sharp enough to read.
PREVIEW_SCALE = 0.5

# The frame, in layout pixels.
_PAD = 36
_TITLE_FONT = 30
_SUBTITLE_FONT = 20
_BODY_FONT = 18
_FOOTER_FONT = 15
_TITLE_TOP = 26  # from the top edge to the title
_TITLE_LINE = 40
_SUBTITLE_LINE = 52  # the subtitle and the space under it
_LEGEND_ROW = 30
_LEGEND_GAP = 18  # between the legend and the plot
_FOOTER_LINE = 26
_FOOTER_PAD = 22  # between the plot's axis labels and the footer, and under the footer
_AXIS_BLOCK = 46  # month labels under a chart's plot
_Y_LABELS = 96  # y tick labels and the axis title, left of a chart's plot
_LOGO_HEIGHT = 84
# DejaVu Sans averages about this share of the font size per character (for legend rows and labels).
_CHAR_WIDTH_EM = 0.62
_DEMO_COLOUR = "#c0392b"
# Browsers Kaleido's choreographer finds on its own (Debian's package first).
_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Store settings (python -m uhc settings) that brand a city's exports: "<key>:<kemendagri_code>",
# so one store's cities each keep their own agency and logo.
SETTING_INSTANSI = "export_instansi"
SETTING_LOGO = "export_logo"


def setting_key(name: str, city_code: str) -> str:
    """The settings key of ``name`` (SETTING_INSTANSI, SETTING_LOGO) for one city: ``export_logo:61.71``."""
    return f"{name}:{city_code}"


# A logo is kept in the store as a PNG data URI, at most this tall (it shows at 84 px, 2x scale).
LOGO_MAX_HEIGHT_PX = 240


class ExportError(RuntimeError):
    """An export that cannot be made, with the reason in words (e.g. Chromium is missing)."""


@dataclass(frozen=True)
class Branding:
    """Who publishes the picture: the city, the agency that processed the data, its logo, demo or not."""

    city_name: str
    instansi: str | None = None
    logo_uri: str | None = None
    is_demo: bool = False

    @classmethod
    def from_settings(cls, settings: dict[str, str], city_code: str, city_name: str, is_demo: bool) -> Branding:
        return cls(
            city_name,
            settings.get(setting_key(SETTING_INSTANSI, city_code)) or None,
            settings.get(setting_key(SETTING_LOGO, city_code)) or None,
            is_demo,
        )

    def agency(self, language: str) -> str:
        """The agency named in the source line: the setting, else the city's health office."""
        return self.instansi or i18n.text("export_default_instansi", language, city=self.city_name)


@dataclass(frozen=True)
class Vintage:
    """Which data a picture shows: the BPJS month and the Dukcapil population semester (as-of date)."""

    period: dt.date  # the month of the BPJS recap
    population_as_of: dt.date | None
    population_recap: str | None = None  # the recap file whose population column the population is, if so

    def text(self, language: str) -> str:
        if self.population_recap is not None:
            return i18n.text(
                "export_vintage_recap",
                language,
                month=i18n.month(self.period, language),
                file=self.population_recap,
                population_month=i18n.month(self.population_as_of, language),
            )
        return i18n.text(
            "export_vintage",
            language,
            month=i18n.month(self.period, language),
            semester=i18n.semester(self.population_as_of, language),
        )

    def as_json(self) -> dict:
        shown = {
            "bpjs_month": self.period.strftime("%Y-%m"),
            "population_as_of": self.population_as_of.isoformat() if self.population_as_of else None,
        }
        if self.population_recap is not None:  # the population is a BPJS recap's column, not Dukcapil's
            shown["population_recap"] = self.population_recap
        return shown


def parse_size(text: str) -> tuple[int, int]:
    """``"1600x900"`` -> (1600, 900); only the press sizes are accepted."""
    if text not in SIZES:
        raise ValueError(text)
    return SIZES[text]


def logo_data_uri(data: bytes) -> str:
    """An image file's bytes as a PNG data URI no taller than LOGO_MAX_HEIGHT_PX; ValueError if it is no image."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            picture = image.convert("RGBA")
    except (UnidentifiedImageError, OSError) as error:
        raise ValueError(str(error)) from error
    if picture.height > LOGO_MAX_HEIGHT_PX:
        width = max(1, round(picture.width * LOGO_MAX_HEIGHT_PX / picture.height))
        picture = picture.resize((width, LOGO_MAX_HEIGHT_PX), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def branding_changes(instansi: str | None, logo: bytes | None, remove_logo: bool) -> dict[str, str | None]:
    """The settings a change of agency and logo writes (None removes one); ValueError when ``logo`` is no image.

    ``instansi`` None leaves the agency as it is and an empty one removes it; a ``logo`` replaces
    the stored one, else ``remove_logo`` removes it.
    """
    changes: dict[str, str | None] = {}
    if instansi is not None:
        changes[SETTING_INSTANSI] = instansi.strip() or None
    if logo is not None:
        changes[SETTING_LOGO] = logo_data_uri(logo)
    elif remove_logo:
        changes[SETTING_LOGO] = None
    return changes


def _text_width(text: str, font_px: float) -> float:
    return len(text) * font_px * _CHAR_WIDTH_EM


def _legend_rows(figure: go.Figure, width: int) -> int:
    """How many rows the horizontal legend takes across ``width`` (0 without a legend).

    Plotly wraps a horizontal legend into columns as wide as its widest entry.
    """
    names = list(dict.fromkeys(t.name for t in figure.data if t.name and t.showlegend is not False))
    if not names or figure.layout.showlegend is False:
        return 0
    entry = 56 + max(_text_width(name, _BODY_FONT) for name in names)
    per_row = max(1, int((width - 2 * _PAD) // entry))
    title_row = 1 if figure.layout.legend.title.text else 0  # the map's legend title has a row of its own
    return title_row + math.ceil(len(names) / per_row)


def _wrapped(text: str, font_px: float, width_px: float) -> list[str]:
    """``text`` broken into lines no wider than ``width_px`` (estimated from the font size)."""
    return textwrap.wrap(text, max(10, int(width_px / (font_px * _CHAR_WIDTH_EM)))) or [""]


def press_figure(
    figure: go.Figure,
    *,
    title: str,
    subtitle: str,
    branding: Branding,
    vintage: Vintage,
    language: str,
    size: str = DEFAULT_SIZE,
    note: str = "",
) -> go.Figure:
    """A copy of ``figure`` framed for the press at ``size`` (see the module docstring).

    ``note`` (an editor's remark: a caveat, a definition) stands above the source line.
    """
    width, height = parse_size(size)
    press = go.Figure(copy.deepcopy(figure))
    is_map = any(trace.type in ("choropleth", "scattergeo") for trace in press.data)
    legend_rows = _legend_rows(press, width)
    logo_room = _LOGO_HEIGHT * 2 + _PAD if branding.logo_uri else 0
    title_lines = _wrapped(title, _TITLE_FONT, width - 2 * _PAD - logo_room)
    # Plotly anchors a title of several lines a little above its top: it is pushed down to match.
    title_top = _TITLE_TOP + (len(title_lines) - 1) * _TITLE_LINE * 0.75
    title_block = title_top + len(title_lines) * _TITLE_LINE + _SUBTITLE_LINE
    top = title_block + legend_rows * _LEGEND_ROW + (_LEGEND_GAP if legend_rows else 0)
    left = _PAD if is_map else _PAD + _y_label_width(press)
    right = _PAD
    city_width = _text_width(branding.city_name, _SUBTITLE_FONT) + _PAD
    source_lines = _wrapped(
        i18n.text("export_source", language, agency=branding.agency(language)),
        _FOOTER_FONT,
        width - 2 * _PAD - city_width,
    )
    note_lines = _wrapped(note.strip(), _FOOTER_FONT, width - 2 * _PAD - city_width) if note.strip() else []
    footer_lines = [
        *[(html.escape(line, quote=False), "#222222") for line in note_lines],
        *[(line, "#444444") for line in source_lines],
        (vintage.text(language), "#666666"),
        *([(f"<b>{i18n.text('export_demo', language)}</b>", _DEMO_COLOUR)] if branding.is_demo else []),
    ]
    footer_block = _FOOTER_PAD + len(footer_lines) * _FOOTER_LINE
    bottom = footer_block + (0 if is_map else _AXIS_BLOCK)
    plot_width, plot_height = width - left - right, height - top - bottom
    if is_map:  # region names laid out for the map this picture really draws
        maps.fit_labels(press, (plot_width, plot_height))

    def paper_x(px: float) -> float:
        return (px - left) / plot_width

    def paper_y(px_from_bottom: float) -> float:
        return (px_from_bottom - bottom) / plot_height

    footer = [
        {
            "text": line,
            "x": paper_x(_PAD),
            "y": paper_y(footer_block - _FOOTER_PAD / 2 - (index + 0.5) * _FOOTER_LINE),
            "xanchor": "left",
            "yanchor": "middle",
            "font": {"size": _FOOTER_FONT, "color": colour},
        }
        for index, (line, colour) in enumerate(footer_lines)
    ]
    footer.append(
        {
            "text": f"<b>{branding.city_name}</b>",
            "x": paper_x(width - _PAD),
            "y": paper_y(footer_block - _FOOTER_PAD / 2 - _FOOTER_LINE / 2),
            "xanchor": "right",
            "yanchor": "middle",
            "font": {"size": _SUBTITLE_FONT, "color": charts.COLOUR_CITY},
        }
    )
    press.update_layout(
        template=charts.TEMPLATE,
        separators=charts.SEPARATORS[language],
        width=width,
        height=height,
        font={"size": _BODY_FONT},
        margin={"l": left, "r": right, "t": top, "b": bottom, "autoexpand": False},
        title={
            "text": "<br>".join(f"<b>{html.escape(line, quote=False)}</b>" for line in title_lines),
            "font": {"size": _TITLE_FONT, "color": "#1a1a1a"},
            "subtitle": {
                "text": html.escape(subtitle, quote=False),
                "font": {"size": _SUBTITLE_FONT, "color": "#555555"},
            },
            "xref": "container",
            "x": _PAD / width,
            "xanchor": "left",
            "yref": "container",
            "y": 1 - title_top / height,
            "yanchor": "top",
            "pad": {"t": 0, "l": 0},
        },
        legend={
            "orientation": "h",
            "xref": "container",
            "x": _PAD / width,
            "xanchor": "left",
            "yref": "container",
            "y": 1 - title_block / height,
            "yanchor": "top",
            "font": {"size": _BODY_FONT},
            "bgcolor": "rgba(0,0,0,0)",
        },
        annotations=[
            *press.layout.annotations,
            *[{**a, "xref": "paper", "yref": "paper", "showarrow": False} for a in footer],
        ],
        hovermode=False,
        dragmode=False,
    )
    press.update_xaxes(automargin=False)
    press.update_yaxes(automargin=False, title={"standoff": 12})
    if branding.logo_uri:
        press.add_layout_image(
            source=branding.logo_uri,
            xref="paper",
            yref="paper",
            x=paper_x(width - _PAD),
            y=paper_y(height - 22),
            sizex=_LOGO_HEIGHT * 3 / plot_width,
            sizey=_LOGO_HEIGHT / plot_height,
            xanchor="right",
            yanchor="top",
            sizing="contain",
            layer="above",
        )
    return press


# The big-number card: one figure for WhatsApp and Instagram, square or portrait (layout pixels, PNG 2x).
CARD_SIZES = {"1080x1080": (1080, 1080), "1080x1350": (1080, 1350)}
_CARD_PAD = 72
_CARD_NUMBER_FONT = 210
_CARD_SENTENCE_FONT = 46
_CARD_SENTENCE_LINE = 62
_CARD_MONTH_FONT = 30
_CARD_NOTE_FONT = 24


@dataclass(frozen=True)
class Card:
    """What a big-number card says: the figure, its sentence, the month, a note; the sentence may be edited."""

    number: str  # "99,05%"
    sentence: str  # "warga Kota Pontianak terdaftar JKN: target 98% tercapai"
    month: str  # "Januari 2026"
    note: str = ""


def card_figure(
    card: Card, *, branding: Branding, vintage: Vintage, language: str, size: str = "1080x1080"
) -> go.Figure:
    """The big-number card: the figure large, its sentence under it, the month, then source, vintage and city."""
    if size not in CARD_SIZES:
        raise ValueError(size)
    width, height = CARD_SIZES[size]
    inner = width - 2 * _CARD_PAD
    # A taller card sets its sentence and month larger (the number is already as wide as the card).
    scale = height / width
    sentence_font, sentence_line = round(_CARD_SENTENCE_FONT * scale), round(_CARD_SENTENCE_LINE * scale)
    month_font = round(_CARD_MONTH_FONT * scale)
    sentence_lines = _wrapped(card.sentence, sentence_font, inner)
    note_lines = _wrapped(card.note, _CARD_NOTE_FONT, inner) if card.note.strip() else []
    source_lines = _wrapped(
        i18n.text("export_source", language, agency=branding.agency(language)), _FOOTER_FONT + 5, inner
    )
    footer = [
        *[(html.escape(line, quote=False), _CARD_NOTE_FONT, "#222222") for line in note_lines],
        *[(line, _FOOTER_FONT + 5, "#444444") for line in source_lines],
        (vintage.text(language), _FOOTER_FONT + 5, "#666666"),
        *(
            [(f"<b>{i18n.text('export_demo', language)}</b>", _FOOTER_FONT + 5, _DEMO_COLOUR)]
            if branding.is_demo
            else []
        ),
    ]
    line_height = 34
    footer_top = height - _CARD_PAD * 0.6 - len(footer) * line_height
    # From the top: a band of the city's colour, then the number, the sentence and the month spread over
    # the height left above the footer, so neither card has a wide empty band (tests/test_press_card.py).
    band_bottom = _CARD_PAD * 2 + 20
    number_height = _CARD_NUMBER_FONT * 0.75  # the digits' cap height
    month_height = month_font * 1.3
    content = number_height + len(sentence_lines) * sentence_line + month_height
    free = max(0.0, footer_top - band_bottom - content)
    # shares of the free height: above the number, number to sentence, sentence to month, month to footer
    above, after_number, after_sentence = free * 0.32, free * 0.24, free * 0.2
    number_y = band_bottom + above + number_height / 2
    sentence_top = band_bottom + above + number_height + after_number
    month_top = sentence_top + len(sentence_lines) * sentence_line + after_sentence
    texts: list[dict] = [
        {
            "name": "card_number",
            "text": f"<b>{html.escape(card.number, quote=False)}</b>",
            "y": number_y,
            "font": {"size": _CARD_NUMBER_FONT, "color": charts.COLOUR_CITY},
        },
        {
            "name": "card_sentence",
            "text": "<br>".join(f"<b>{html.escape(line, quote=False)}</b>" for line in sentence_lines),
            "y": sentence_top,
            "font": {"size": sentence_font, "color": "#1a1a1a"},
            "yanchor": "top",
        },
        {
            "name": "card_month",
            "text": html.escape(card.month, quote=False),
            "y": month_top,
            "font": {"size": month_font, "color": "#555555"},
            "yanchor": "top",
        },
    ]
    for index, (text, font, colour) in enumerate(footer):
        texts.append(
            {
                "name": "card_footer",
                "text": text,
                "y": footer_top + (index + 0.5) * line_height,
                "font": {"size": font, "color": colour},
            }
        )
    texts.append(
        {
            "name": "card_city",
            "text": f"<b>{html.escape(branding.city_name, quote=False)}</b>",
            "y": _CARD_PAD + 10,
            "font": {"size": 40, "color": "#ffffff"},
        }
    )
    figure = go.Figure(
        layout={
            "template": charts.TEMPLATE,
            "separators": charts.SEPARATORS[language],
            "width": width,
            "height": height,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0, "autoexpand": False},
            "xaxis": {"visible": False, "range": [0, width]},
            "yaxis": {"visible": False, "range": [height, 0]},
            "showlegend": False,
            "hovermode": False,
            "dragmode": False,
            # the city's colour across the top, the city's name on it
            "shapes": [
                {
                    "type": "rect",
                    "xref": "x",
                    "yref": "y",
                    "x0": 0,
                    "x1": width,
                    "y0": 0,
                    "y1": _CARD_PAD * 2 + 20,
                    "fillcolor": charts.COLOUR_CITY,
                    "line": {"width": 0},
                    "layer": "below",
                }
            ],
            "annotations": [
                {
                    "xref": "x",
                    "yref": "y",
                    "x": _CARD_PAD,
                    "xanchor": "left",
                    "yanchor": "middle",
                    "align": "left",
                    "showarrow": False,
                    **text,
                }
                for text in texts
            ],
        }
    )
    if branding.logo_uri:
        figure.add_layout_image(
            source=branding.logo_uri,
            xref="x",
            yref="y",
            x=width - _CARD_PAD,
            y=20,
            sizex=_LOGO_HEIGHT * 3,
            sizey=_CARD_PAD * 2 - 20,
            xanchor="right",
            yanchor="top",
            sizing="contain",
            layer="above",
        )
    return figure


def card_png(card: Card, *, size: str = "1080x1080", **frame) -> bytes:
    """The big-number card (card_figure; ``frame``: branding, vintage, language) as PNG, 2x its layout size."""
    width, height = CARD_SIZES[size]
    return png(card_figure(card, size=size, **frame), width, height)


def _y_label_width(figure: go.Figure) -> int:
    """Room left of the plot for the y tick labels: wider when they are names (a ranking's kecamatan)."""
    labels = [str(v) for trace in figure.data if trace.orientation == "h" for v in (trace.y or ())]
    if not labels:
        return _Y_LABELS
    lines = [re.sub(r"<[^>]+>", "", line) for label in labels for line in label.split("<br>")]
    return int(max(_text_width(line, _BODY_FONT) for line in lines)) + 30


# -- rendering -----------------------------------------------------------------------------------

_render_lock = threading.Lock()
_server_started = False
_warming = threading.Event()


def _start_server() -> None:
    """Start this process's Kaleido server (once; the caller holds the lock)."""
    global _server_started
    if _server_started:
        return
    problem = renderer_problem()
    if problem:
        raise ExportError(problem)
    import kaleido

    try:
        kaleido.start_sync_server(n=1, mathjax=False, silence_warnings=True)
    except Exception as error:  # choreographer raises its own types when no browser is found
        raise ExportError(
            "PNG export needs Debian's Chromium (sudo apt-get install chromium; never a download): "
            f"{type(error).__name__}: {error}"
        ) from error
    _server_started = True


def warm_up() -> None:
    """Start the Kaleido server in the background, so the first picture asked for takes 0,3 s, not 2 s.

    The dashboard calls this where it offers an export; Chromium then starts once per process.
    """
    if _server_started or _warming.is_set() or renderer_problem():
        return
    _warming.set()

    def start() -> None:
        with _render_lock:
            try:
                _start_server()
            except ExportError:  # said again, with the reason, when a picture is asked for
                _warming.clear()

    threading.Thread(target=start, name="kaleido-warm-up", daemon=True).start()


def renderer_problem(language: str = "en") -> str | None:
    """Why PNGs cannot be made here (no Chromium to render with), in ``language``; None when they can."""
    configured = os.environ.get("BROWSER_PATH")
    if configured and Path(configured).is_file():
        return None
    if any(shutil.which(name) for name in _BROWSERS):
        return None
    return i18n.text("export_no_chromium", language)


def _stop_server() -> None:
    """Stop this process's Kaleido server after a failure, so the next picture starts a new one (lock held)."""
    global _server_started
    import kaleido

    with contextlib.suppress(Exception):  # a server that broke may fail to close; a new one starts anyway
        kaleido.stop_sync_server(silence_warnings=True)
    _server_started = False


def png(figure: go.Figure, width: int, height: int, scale: float = SCALE) -> bytes:
    """``figure`` as PNG bytes of ``width`` x ``height`` layout pixels times ``scale``.

    A render that fails (Chromium ended, ran out of memory) stops the server and is tried once
    more on a new one; a second failure is an ExportError.
    """
    import kaleido

    options = {"format": "png", "width": width, "height": height, "scale": scale}
    with _render_lock:
        for attempt in (1, 2):
            _start_server()
            try:
                return kaleido.calc_fig_sync(figure, opts=options, topojson=maps.TOPOJSON_DIR.as_uri() + "/")
            except Exception as error:
                _stop_server()
                if attempt == 2:
                    raise ExportError(f"Kaleido could not draw the figure: {type(error).__name__}: {error}") from error
    raise AssertionError("unreachable")


def press_png(figure: go.Figure, size: str = DEFAULT_SIZE, *, scale: float = SCALE, **frame) -> bytes:
    """``figure`` framed by press_figure (``frame``: title, subtitle, branding, vintage, language) as PNG."""
    width, height = parse_size(size)
    return png(press_figure(figure, size=size, **frame), width, height, scale)


def png_file_name(stem: str, city_code: str, period, size: str) -> str:
    """The PNG's file name: ``cakupan-tren_61.71_2026-01_1600x900.png``."""
    return f"{stem}_{city_code}_{period:%Y-%m}_{size}.png"
