"""The figures and segments the dashboard shows, each described once."""

from __future__ import annotations

# JKN segments, in the order every table, chart and export shows them.
SEGMENTS = ("pbi_apbn", "pbi_apbd", "ppu", "pbpu", "bp")
