"""Turn raw bytes into text: byte-order marks, UTF-8, then detected legacy encodings.

Binary files are refused here, before any text processing, so that a stray image or archive
gives a clear error instead of a screen of mojibake.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata

from reader.load.errors import LoadError

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

SNIFF_BYTES = 64 * 1024
"""How much of a file is examined for NUL bytes and, when needed, for its encoding."""


def decode(data: bytes, *, name: str) -> tuple[str, str]:
    """Decode `data` and return `(text, encoding)`; raise `LoadError` for binary data.

    Order: a byte-order mark wins; then strict UTF-8 (by far the most common, and
    self-validating); then charset-normalizer's guess for legacy single-byte encodings.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise LoadError(f"{name}: invalid {encoding} text at byte {error.start}") from None
    if b"\x00" in data[:SNIFF_BYTES]:
        raise LoadError(f"{name}: not a text file (binary data: contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data, name=name)


LEGACY_ENCODINGS: tuple[str, ...] = (
    "cp1252",
    "cp1251",
    "cp1250",
    "koi8_r",
    "iso8859_15",
    "cp1253",
    "cp1254",
    "cp1257",
    "iso8859_2",
)
"""Single-byte encodings still common in the wild, tried in this order when scores tie."""

TRUSTED_GUESS_BYTES = 2048
"""From this many bytes on, charset-normalizer's own guess wins ties."""

_WORD = re.compile(r"\w+")
_COMMON_SYMBOLS = set("“”‘’„«»–—…€£¥°§©®™•·×¡¿¢¤¦¨¬¯±²³´µ¶¸¹º¼½¾")


def _decode_legacy(data: bytes, *, name: str) -> tuple[str, str]:
    """Pick the legacy encoding whose decoding reads most like natural text.

    charset-normalizer is good on long inputs but guesses wildly on a few short lines (it takes
    "Café crème" in latin-1 for Farsi), so its guess is one candidate among the common
    encodings, all scored by how word-like the decoded letters are.
    """
    from charset_normalizer import from_bytes

    sample = data[:SNIFF_BYTES]
    best = from_bytes(sample).best()
    guess = str(best.encoding) if best is not None and best.encoding else None
    trusted = guess is not None and len(sample) >= TRUSTED_GUESS_BYTES
    candidates = list(LEGACY_ENCODINGS)
    if guess is not None:
        if trusted and guess in candidates:
            candidates.remove(guess)
        if guess not in candidates:
            candidates.insert(0 if trusted else len(candidates), guess)
    scored: list[tuple[float, int, str]] = []
    for rank, encoding in enumerate(candidates):
        try:
            text = sample.decode(encoding, errors="strict")
        except (UnicodeDecodeError, LookupError):
            continue
        bonus = 0.5 if trusted and encoding == guess else 0.0
        scored.append((_plausibility(text) + bonus, -rank, encoding))
    if not scored:
        raise LoadError(f"{name}: not a text file (no text encoding fits its bytes)")
    encoding = max(scored)[2]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
    if _control_ratio(text) > 0.05:
        raise LoadError(f"{name}: not a text file (binary data)")
    return text, encoding


def _script(ch: str) -> str:
    if ch.isascii():
        return "LATIN"
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return "?"


def _plausibility(text: str) -> float:
    """Score how natural the non-ASCII parts of `text` look (higher is more plausible)."""
    score = 0.0
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        letters = [ch for ch in word if ch.isalpha()]
        if not letters:
            continue
        scripts = {_script(ch) for ch in letters}
        if len(scripts) > 1:
            score -= 3
            continue
        non_ascii = sum(1 for ch in letters if not ch.isascii())
        if len(letters) == 1:
            continue  # a lone letter (French "à", or "Ђ" for a euro sign) proves nothing
        if "LATIN" in scripts and non_ascii * 2 > len(letters) and len(letters) > 2:
            score -= 2
        elif any(a.islower() and b.isupper() for a, b in itertools.pairwise(word)):
            score -= 1
        else:
            score += 1
    for ch in text:
        if not ch.isascii() and not ch.isalpha() and not ch.isspace():
            if ch in _COMMON_SYMBOLS:
                continue
            if unicodedata.category(ch)[0] in "SC" or unicodedata.category(ch) == "Co":
                score -= 1
    return score


def _control_ratio(text: str) -> float:
    """Share of characters in a sample that are control characters other than whitespace."""
    sample = text[:SNIFF_BYTES]
    if not sample:
        return 0.0
    bad = sum(
        1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0x7F <= ord(ch) < 0xA0
    )
    return bad / len(sample)
