"""Turn raw bytes into text: byte-order marks, UTF-8, then detected legacy encodings.

Binary files are refused here, before any text processing, so that a stray image or archive
gives a clear error instead of a screen of mojibake.
"""

from __future__ import annotations

import codecs

from reader.load.errors import LoadError

_BOMS: tuple[tuple[bytes, str], ...] = (
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
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise LoadError(f"{name}: invalid {encoding} text at byte {error.start}") from None
    if b"\x00" in data[:SNIFF_BYTES]:
        raise LoadError(f"{name}: looks like a binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data, name=name)


def _decode_legacy(data: bytes, *, name: str) -> tuple[str, str]:
    """Guess a legacy encoding with charset-normalizer, refusing what looks like binary."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[: SNIFF_BYTES * 4]).best()
    if best is None or best.encoding is None:
        raise LoadError(f"{name}: not a text file (no text encoding fits its bytes)")
    encoding = str(best.encoding)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise LoadError(f"{name}: not a text file (no text encoding fits its bytes)") from None
    if _control_ratio(text) > 0.05:
        raise LoadError(f"{name}: looks like a binary file")
    return text, encoding


def _control_ratio(text: str) -> float:
    """Share of characters in a sample that are control characters other than whitespace."""
    sample = text[:SNIFF_BYTES]
    if not sample:
        return 0.0
    bad = sum(
        1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0x7F <= ord(ch) < 0xA0
    )
    return bad / len(sample)
