"""The first paint waits for no heavy import, and the UI defers imports in one place only.

`reader.ui.deferred` is the one module whose functions import (the notes, the search index and
rapidfuzz, the search bar, the note editor, ...): starting the app must load none of those, and
no other UI module may hide an import in a function, where nobody would look for it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "reader" / "ui"

HEAVY = (
    "rapidfuzz",
    "reader.extract.pipeline",
    "reader.search.index",
    "annotations.store",
    "annotations.sync",
    "annotations.anchor",
    "reader.ui.search_controller",
    "reader.ui.widgets.search_bar",
    "reader.ui.screens.note_editor",
)
"""What the first paint must not wait for (`reader.ui.deferred` says why, with figures)."""

OTHER_LAZY_MODULES = {
    "deferred.py": "the one place for deferred imports",
    "background.py": "the extraction child imports the extractor when it runs",
    "lean_asyncio.py": "imports asyncio while `import ssl` fails, before Textual does",
    "screens/library_app.py": "the library command imports the reader app when it opens one",
}
"""UI modules allowed to import inside functions, and why."""


def test_starting_the_app_imports_nothing_heavy() -> None:
    script = f"import sys, reader.ui.app; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"loaded before the first paint: {result.stdout}"


def _function_local_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    found.append(f"{path.relative_to(UI)}:{node.lineno} in {function.name}()")
    return found


@pytest.mark.parametrize(
    "path",
    sorted(p for p in UI.rglob("*.py") if p.relative_to(UI).as_posix() not in OTHER_LAZY_MODULES),
    ids=lambda p: p.relative_to(UI).as_posix(),
)
def test_ui_modules_import_at_the_top(path: Path) -> None:
    assert _function_local_imports(path) == [], "import at the top, or through reader.ui.deferred"
