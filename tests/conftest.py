"""Shared fixtures: the `../shared` material beside the project, when present.

A few tests score the extractor on the team's shared seed article and evaluation scripts,
which live in a `shared` folder beside the project, not in it. A clone on its own skips
those tests, saying why (`SHARED_SKIP_REASON`); every other test needs nothing outside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_c43e0c764996e868.txt"
EVAL = SHARED / "eval"

SHARED_SKIP_REASON = (
    "needs the team's shared seed folder, ../shared beside the project (looked for "
    f"{SHARED}); a clone on its own does not have it, and every other test runs without it"
)
"""Why a test that needs `../shared` is skipped, in words a newcomer can act on."""

needs_shared_seed = pytest.mark.skipif(not SEED.exists(), reason=SHARED_SKIP_REASON)
"""Skip a test (or module) that reads the seed article of `../shared/seeds`."""

needs_shared_eval = pytest.mark.skipif(
    not (EVAL / "quotes_eval.py").exists(), reason=SHARED_SKIP_REASON
)
"""Skip a test that runs the team's scorer, `../shared/eval/quotes_eval.py`."""


@pytest.fixture
def seed_path() -> Path:
    """The seed article; the test is skipped, saying why, when ../shared is not beside it."""
    if not SEED.exists():
        pytest.skip(SHARED_SKIP_REASON)
    return SEED


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep every test away from the user's real config, state and notes directories."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("READER_NOTES_DIR", raising=False)
