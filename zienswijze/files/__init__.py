"""Adapters for files: the content-addressed store, CSV/XLSX tables, PDF checks, page images and Word documents."""
