"""The one error a loader raises: a message fit to show the user on one line."""

from __future__ import annotations


class LoadError(Exception):
    """An article could not be opened; `str(error)` says why in one line."""
