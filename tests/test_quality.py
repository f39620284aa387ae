"""Lint, types and layering are part of the test command: `ruff`, `mypy --strict` and the
import-linter contracts in pyproject.toml must be clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = BIN / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed; install the project with its [test] extra")
    return found


def test_ruff_check_is_clean() -> None:
    result = subprocess.run(
        [_tool("ruff"), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = subprocess.run(
        [_tool("ruff"), "format", "--check", "--no-cache", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean() -> None:
    result = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


ENTRY_POINTS = frozenset({"__init__", "__main__", "cli", "ui"})
"""Top-level parts of `reader` that may reach the UI: the package, its entry points, the UI."""


def _contract_modules(contract_id: str, key: str) -> set[str]:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for contract in config["tool"]["importlinter"]["contracts"]:
        if contract["id"] == contract_id:
            return set(contract[key])
    raise AssertionError(f"no import-linter contract {contract_id!r} in pyproject.toml")


def _top_level_reader_parts() -> set[str]:
    package = ROOT / "reader"
    names = {p.stem for p in package.glob("*.py")}
    names |= {p.name for p in package.iterdir() if (p / "__init__.py").exists()}
    return names - ENTRY_POINTS


def test_every_domain_module_is_under_the_layering_contracts() -> None:
    """A new module in `reader` is covered by both contracts, or the contracts are stale."""
    parts = _top_level_reader_parts()
    domain = {
        m.removeprefix("reader.") for m in _contract_modules("domain-without-ui", "source_modules")
    }
    assert parts <= domain, f"add to the domain-without-ui contract: {sorted(parts - domain)}"
    forbidden = {
        m.removeprefix("reader.")
        for m in _contract_modules("notes-need-only-the-document", "forbidden_modules")
    }
    missing = parts - {"document", "data"} - forbidden
    assert not missing, f"add to the notes-need-only-the-document contract: {sorted(missing)}"


def test_import_linter_contracts_hold() -> None:
    result = subprocess.run(
        [_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
