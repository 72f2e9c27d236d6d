"""The only Streamlit importer of uhc/: what the pages and dashboard.py call to read, choose and write.

Pages call these and render; nothing here computes figures (that is uhc.core). The modules, from
the bottom up (each imports only those below it; `lint-imports` checks it):

- session: this browser session's language and logged-in user
- compressed_static: serve.py's middleware sending Streamlit's own scripts and styles gzipped
- no_delay: TCP_NODELAY on the server's listening socket (no 40 ms wait per answer), set by serve.py
- connection: the process's read-only connection, the readers-writer lock, write()
- reads: the cached accessors (store reads as Polars frames, cached per store and arguments)
- login: the login form and the sidebar's account line
- previews: the Ekspor page's previews drawn ahead by one background thread, a small cache
- page_error: the short message in the user's language when a page fails, and its log line
- sidebar: the shared sidebar, its Context (language, city, month, kecamatan) and the link
- widgets: tables, choices that survive a language switch, sliders, the map, the file uploader
  (and Streamlit's own English texts drawn in the user's language)
- exports: every chart's "Unduh PNG", the branding form, the briefing
- importing: the Data page's upload, check, save and restore
- campaign: the Pendataan page's runs, counts per area and, for an editor, the persons by name
"""
