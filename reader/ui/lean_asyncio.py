"""asyncio imported without `ssl`: the reader's event loop never speaks TLS, and `ssl` costs 4 MB.

Textual runs on asyncio, whose modules import `ssl` when they are imported (for TLS
connections made by the loop, which the reader never makes: it reads URLs with `urllib`, in
worker threads). Loading OpenSSL and building `ssl`'s enums costs every reader process 4.1 MB
resident (`import reader.ui.app, reader.cli`: 34.7 MB with it, 30.6 without), a twelfth of
issue 13's 50 MB for a 4 KB article and of its 70 MB for a 3 MB book, every process counted.

`import_asyncio_without_tls` imports asyncio while `import ssl` fails, as it does on a Python
built without OpenSSL, which asyncio handles (its TLS support is then off); then `ssl` can be
imported again as usual, so `urllib` still opens https addresses. This is the reader's one
trick of this kind, done once, before Textual is imported (`reader.ui`'s `__init__`).
"""

from __future__ import annotations

import sys


def import_asyncio_without_tls() -> None:
    """Import asyncio without `ssl`, unless either is imported already (then nothing changes)."""
    if "asyncio" in sys.modules or "ssl" in sys.modules:
        return
    sys.modules["ssl"] = None  # type: ignore[assignment]  # `import ssl` raises ImportError
    try:
        import asyncio  # noqa: F401  # imported here, without ssl, for Textual
    finally:
        del sys.modules["ssl"]
