"""The interface starts without OpenSSL (4 MB of every reader process), and https still works."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import reader.cli, reader.ui.app
print("ssl loaded at start:", "ssl" in sys.modules or "_ssl" in sys.modules)
import ssl, urllib.request
context = ssl.create_default_context()
print("https handler:", hasattr(urllib.request, "HTTPSHandler"), context is not None)
"""


def test_the_interface_imports_no_ssl_and_urllib_can_still_use_it() -> None:
    shown = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout
    assert "ssl loaded at start: False" in shown
    assert "https handler: True True" in shown


def test_a_process_that_loaded_ssl_first_keeps_it() -> None:
    probe = "import ssl, sys; import reader.ui.app, asyncio.sslproto as p; print(p.ssl is ssl)"
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert shown.strip() == "True"
