"""A count with its noun in the right number ("1 quote", "2 quotes"), for labels and messages."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and `noun`, plural unless the count is one (`plural` when not noun + "s")."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
