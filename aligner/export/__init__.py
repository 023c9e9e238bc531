"""Export: `units` decides what becomes a TMX unit or PO entry (and why a
pair is left out); `outputs` writes the files; `sidebyside` the revision tables."""
