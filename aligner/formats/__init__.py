"""Writers: the document model and alignments out to files (Markdown, TMX, PO)."""
