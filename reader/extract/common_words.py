"""Capitalised words the text itself writes in lower case: `Immigration`, `Proposals`, `Somehow`.

No tagger tells a name from a capitalised common word that opens a sentence (`Immigration is
now an issue ...`, `Proposals from the front-runner ..., he added, ...`): both read as a lone
capitalised word. The text tells them apart: a common noun or adverb comes back in lower case
within a few pages (`immigration`, `proposals`), a surname never does. Asked only of a lone
word that opens a sentence and names no one met so far; a surname that is also a word (`Green`,
`Rice`) is met by its full name first, so it is known before it opens a sentence alone.
"""

from __future__ import annotations

WINDOW_CHARS = 40_000
"""How far either side of the word the text is searched for it in lower case: a book is not
scanned whole per word."""


def written_lowercase(text: str, word: str, at: int) -> bool:
    """Whether `text` writes `word` in lower case, as a whole word, near offset `at`.

    `word` is the capitalised form (`Proposals`); a word with no lower-case form (`I`, `US`)
    or opening with no letter is never common.
    """
    lower = word.lower()
    if lower == word or not lower[:1].isalpha() or len(word) < 3:
        return False
    lo, hi = max(0, at - WINDOW_CHARS), at + WINDOW_CHARS
    find = text.find
    i = find(lower, lo, hi)
    while i >= 0:
        before = text[i - 1] if i else " "
        after = text[i + len(lower) : i + len(lower) + 1]
        if not before.isalnum() and before not in "-'’" and not (after.isalnum() or after == "-"):
            return True
        i = find(lower, i + 1, hi)
    return False


_INSIDE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789,;:”\"'’)")
"""What a word after a space inside a sentence follows (a word opening a sentence never does)."""


def opens_sentence(text: str, at: int) -> bool:
    """Whether the word at offset `at` opens a sentence (or a paragraph)."""
    return not (at >= 2 and text[at - 1] == " " and text[at - 2] in _INSIDE)


def common_opener(text: str, written: str, name: str, at: int) -> bool:
    """Whether a person mention is a capitalised common word opening its sentence.

    `written` is the mention as written, `name` its name, `at` its offset: one word with no
    title (`Proposals`, not `Mr. Proposals`), opening a sentence, that the text also writes in
    lower case nearby.
    """
    return (
        written == name
        and " " not in name
        and opens_sentence(text, at)
        and written_lowercase(text, name, at)
    )
