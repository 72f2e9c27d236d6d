"""The DuckDB store (the one module that talks to it), regions, users and the demo and national data."""
