"""Every extraction module imports on its own, whichever is imported first.

A test file or a tool may import one rule module directly (`reader.extract.news_rules8`), not
the package; an import cycle between rule modules then fails with "partially initialized
module" although importing `reader.extract` first works (it happened: `gender` took a name
table from a rule module that imports `vocatives`, which imports `gender`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import reader.extract

_CHECK = """
import importlib, sys
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "reader" or m.startswith("reader.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except ImportError as error:
        failed.append(f"{name}: {error}")
print("\\n".join(failed))
"""


def test_each_extraction_module_imports_first() -> None:
    package = Path(reader.extract.__file__).parent
    names = sorted(f"reader.extract.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__")
    assert len(names) > 20
    done = subprocess.run(
        [sys.executable, "-c", _CHECK, *names], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""
