"""Checks on a store and on writing about it: validate, quotes against their documents, series, drafts."""
