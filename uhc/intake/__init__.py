"""Files coming in: the reader, the importer and its report, boundaries and BPS crosswalks."""
