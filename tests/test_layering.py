"""The domain (`reader` minus `reader.ui`, and `annotations`) never imports the UI toolkit."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import importlib, pkgutil, sys
    import reader, annotations
    for package in (reader, annotations):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name == "reader.ui" or info.name.startswith("reader.ui."):
                continue
            if info.name == "reader.__main__":
                continue
            importlib.import_module(info.name)
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
    print(",".join(loaded))
    """
)


def test_domain_modules_do_not_import_textual_or_rich() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"UI modules loaded by the domain: {result.stdout}"


def test_dump_does_not_start_the_ui() -> None:
    script = (
        "import sys; from reader import cli; cli.main(['dump', '-']); "
        "print('textual' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        input="Title\n\nBody.",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stderr.strip().splitlines()[-1] == "False"


def test_the_reader_screen_loads_without_the_extractor_or_rapidfuzz() -> None:
    """What the first paint needs stays light: the extraction pipeline and the ranking engine
    (rapidfuzz) load after it, when quotes are found and the first search runs."""
    script = (
        "import sys, reader.cli, reader.ui.app, reader.ui.screens.reader, reader.extract, "
        "reader.search; "
        "print(','.join(m for m in ('rapidfuzz', 'reader.extract.pipeline', "
        "'reader.search.index') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"loaded before the first paint: {result.stdout}"
