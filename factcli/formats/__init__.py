"""Output: records and their views, the format registry, tables, citations, export, JSON Schema."""
