"""Shared fixtures: the `../shared` material beside the project, when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_c43e0c764996e868.txt"


@pytest.fixture
def seed_path() -> Path:
    """The seed article; the test is skipped when ../shared is not beside the project."""
    if not SEED.exists():
        pytest.skip("../shared/seeds is not beside the project")
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
