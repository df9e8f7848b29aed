"""The SQLite index: the one engine that answers every lookup (cache.open_index opens it)."""
