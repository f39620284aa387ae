"""Highlights and notes: model, YAML storage, re-anchoring and git merging; no UI imports."""
