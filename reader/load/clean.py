"""Make text safe and uniform: line ends, terminal escape codes and control characters.

An article must never be able to drive the terminal: escape sequences are dropped and other
control characters are shown as visible Unicode control pictures (U+2400 block).
"""

from __future__ import annotations

import re

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-byte ESC sequences, and the
# 8-bit C1 forms of CSI/OSC. Bounded repetition keeps the pattern linear on hostile input.
_ESCAPE = re.compile(
    r"""
    \x1b\[[0-?]{0,64}[ -/]{0,16}[@-~]        # CSI
  | \x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)  # OSC, ended by BEL or ST
  | \x1b[PX^_][^\x1b]{0,4096}\x1b\\          # DCS, SOS, PM, APC
  | \x1b[@-Z\\-_]                            # other Fe sequences
  | \x9b[0-?]{0,64}[ -/]{0,16}[@-~]          # 8-bit CSI
  | \x9d[^\x07\x9c]{0,4096}[\x07\x9c]         # 8-bit OSC
    """,
    re.VERBOSE,
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
"""What `_CONTROL` matches below U+0080, as UTF-8 bytes (each is one byte)."""
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
"""What `_CONTROL` matches from U+0080 to U+009F, as UTF-8 (two bytes, the first one rare)."""
_REPLACED = (("\f", "\n\n"), ("\t", "    "), ("\ufeff", ""))
"""Form feeds become paragraph breaks, tabs four spaces; byte-order marks inside go."""
_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(32)} | {0x7F: "\u2421"}


def normalise_newlines(text: str) -> str:
    """Turn CRLF and lone CR line ends into LF."""
    if "\r" not in text:  # a search is ten times cheaper than a replace that finds nothing
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return _CONTROL_PICTURES.get(code, "\ufffd")


def clean(text: str, *, controls: bool = True) -> str:
    """Return `text` with uniform newlines, tabs as spaces, no escapes, controls made visible.

    Form feeds become paragraph breaks (old plain-text books use them between pages); other
    control characters become their visible control-picture symbol, so nothing is silently lost.
    `controls=False` says the caller knows there are none (`utf8_has_controls` of its bytes).
    """
    text = normalise_newlines(text)
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = _ESCAPE.sub("", text)
    for old, new in _REPLACED:
        if old in text:
            text = text.replace(old, new)
    if not controls or not _has_controls(text):  # the usual case, checked in C
        return text
    return _CONTROL.sub(_visible, text)


def _has_controls(text: str) -> bool:
    """Whether `_CONTROL` matches somewhere in `text`."""
    return utf8_has_controls(text.encode("utf-8", "surrogatepass"))


def utf8_has_controls(data: bytes) -> bool:
    """Whether UTF-8 `data` holds a control character (or an escape, or a form feed).

    Checking the bytes a text was decoded from spares `clean` encoding the text again (a 3 MB
    book with one accented letter is two bytes a character in memory: ~10 ms).
    """
    return len(data.translate(None, _CONTROL_BYTES)) != len(data) or bool(_C1_UTF8.search(data))
