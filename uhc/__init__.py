"""uhc-dashboard: how close each kecamatan and kelurahan is to Universal Health Coverage."""

__version__ = "0.1.0"
