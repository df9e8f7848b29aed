"""The store: its files, reading YAML with positions, fields and rules, loading, and appending."""
