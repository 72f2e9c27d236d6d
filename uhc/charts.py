"""Plotly builders (frame in, Figure out) and the one shared template for the screen and for press PNGs.

Every figure is created with ``template=TEMPLATE``: importing streamlit makes Plotly's default
template "streamlit", whose placeholder colours export as black (see shared stack notes), and an
explicit template keeps the screen and the exported PNG the same.
"""

from __future__ import annotations

import plotly.graph_objects as go

# Colours by meaning, used on every page and export. Policy classes follow the national rule:
# below 95% (the pre-2024 criterion), 95 to 98%, 98% and above (the target); grey is "no data".
COLOUR_BELOW_95 = "#c0392b"
COLOUR_95_TO_98 = "#e9a23b"
COLOUR_TARGET_MET = "#1e8449"
COLOUR_NO_DATA = "#bdbdbd"
COLOUR_CITY = "#1f4e79"
COLOUR_TARGET_LINE = "#1e8449"
# Segments, in the order BPJS reports them (pbi_apbn, pbi_apbd, ppu, pbpu, bp).
SEGMENT_COLOURS = ("#1f4e79", "#2e86c1", "#48c9b0", "#f4d03f", "#af7ac5")

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": "DejaVu Sans, Liberation Sans, Arial, sans-serif", "size": 14, "color": "#222222"},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        colorway=[COLOUR_CITY, "#c0392b", "#e9a23b", "#1e8449", "#7d3c98", "#2e86c1", "#7f8c8d"],
        # Indonesian number format on axes and hovers: decimal comma, thousands point (687.031; 87,86).
        separators=",.",
        xaxis={"showgrid": False, "linecolor": "#888888", "ticks": "outside"},
        yaxis={"gridcolor": "#e5e5e5", "zeroline": False},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
        hoverlabel={"bgcolor": "#ffffff"},
    )
)
