"""Lazy package exports: a package names its public objects but imports them on first use.

Used by `reader.extract` and `reader.search`, whose light parts (result types, history) the UI
needs at start-up while their heavy parts (the pipeline, rapidfuzz) should load only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, namespace: dict[str, Any], homes: Mapping[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """Return a module `__getattr__` and `__dir__` that import `homes[name]` on first use.

    `namespace` is the package's `globals()`: a name, once imported, is stored there so later
    lookups cost nothing.
    """

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *homes})

    return __getattr__, __dir__
