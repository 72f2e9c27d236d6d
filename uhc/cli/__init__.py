"""The command line: `uhc ...` / `python -m uhc ...` (entry point: uhc.cli.main:main)."""
