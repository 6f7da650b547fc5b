"""Adapters for files: the content-addressed store, CSV/XLSX tables, PDF checks and page images."""
