"""Name words that open with a lower-case particle or an ayn: `al-Nuri`, `el-Sisi`, `ʿAbd`.

The extraction rules and the library's name keys both tell a name word by its capital; these
words are names all the same. `as_name_word` gives the form both read, so they agree on which
words are names.
"""

from __future__ import annotations

AYN = "ʿʾ"
"""Letters written before a capital in transliterated names."""


def as_name_word(word: str) -> str:
    """`word` as a capitalised name word reads: `al-Nuri` gives `Al-Nuri`, `ʿAbd` gives `Abd`.

    Any other word is returned as it is.
    """
    if word[:1] in AYN and word[1:2].isupper():
        return word[1:]
    if word[2:3] == "-" and word[:2] in ("al", "el") and word[3:4].isupper():
        return word[:1].upper() + word[1:]
    return word
