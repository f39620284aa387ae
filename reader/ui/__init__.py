"""The Textual user interface: the only package that imports Textual."""

from reader.ui.lean_asyncio import import_asyncio_without_tls

import_asyncio_without_tls()  # before Textual imports asyncio: see reader.ui.lean_asyncio
