"""The development set (12 original articles with gold YAML) scores attributed F1 >= 0.95.

Scored with `../shared/eval/quotes_eval.py` when it is available (the measure the issue names);
otherwise with the small scorer below, which follows the same rules (spans matched one to one at
>= 50 % word overlap, speaker right when a surname or alias matches), so the threshold still runs.
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
import sys
from contextlib import redirect_stdout
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from reader.extract import QuoteKind, extract
from reader.load import load_path
from tests.conftest import EVAL, needs_shared_eval

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "data" / "extract"
ARTICLES = sorted((DEV / "articles").glob("*.txt"))
THRESHOLD = 0.95


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _gold(article: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (DEV / "gold" / (article.stem + ".yaml")).read_text(encoding="utf-8")
    )
    return data


def test_dev_set_is_big_enough_and_original() -> None:
    assert len(ARTICLES) >= 12
    for article in ARTICLES:
        words = len(article.read_text(encoding="utf-8").split())
        assert 250 <= words <= 600, article.name
        assert (DEV / "gold" / (article.stem + ".yaml")).exists()


def test_dev_set_covers_every_style() -> None:
    text = "\n".join(a.read_text(encoding="utf-8") for a in ARTICLES)
    for mark in ('"', "“", "‘", "«", "„", "``", "''", "’’", "” "):
        assert mark in text, mark
    kinds = {q["kind"] for a in ARTICLES for q in _gold(a)["quotes"]}
    assert kinds == {"direct", "partial", "scare", "title"}
    flags = {
        f
        for a in ARTICLES
        for q in _gold(a)["quotes"]
        for f in ("split", "nested", "multi_paragraph")
        if q.get(f)
    }
    assert flags == {"split", "nested", "multi_paragraph"}


def _predict(text: str, path: Path) -> list[dict[str, Any]]:
    adapter = _module(ROOT / "benchmarks" / "quotes_adapter.py", "quotes_adapter")
    quotes: list[dict[str, Any]] = adapter.extract_text_nested(text)["quotes"]
    del path
    return quotes


@needs_shared_eval
def test_dev_set_attributed_f1_with_quotes_eval(tmp_path: Path) -> None:
    convert = _module(EVAL / "convert_heldout.py", "convert_heldout")
    qe = _module(EVAL / "quotes_eval.py", "quotes_eval")
    gold = tmp_path / "dev.jsonl"
    with redirect_stdout(io.StringIO()):
        convert.main(str(DEV), str(gold))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        with redirect_stdout(io.StringIO()) as out:
            result = qe.main([str(gold), "--func", "quotes_adapter:extract_text_nested"])
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    print(out.getvalue())
    assert result["attributed"][2] >= THRESHOLD, out.getvalue()
    assert result["speaker_acc"] >= THRESHOLD


_WORD = re.compile(r"\w+")


def _surname(name: str | None) -> str:
    words = [w.lower() for w in _WORD.findall(name or "") if w.lower() not in ("the", "a", "an")]
    return words[-1] if words else ""


def test_dev_set_attributed_f1_with_own_scorer() -> None:
    """The same threshold without ../shared: overlap matching and surname/alias speakers."""
    tp = n_pred = n_gold = 0
    for article in ARTICLES:
        gold = _gold(article)
        text = article.read_text(encoding="utf-8")
        aliases = {s["name"]: [s["name"], *s.get("aliases", [])] for s in gold["speakers"]}
        wanted = [q for q in gold["quotes"] if q["kind"] in ("direct", "partial")]
        got = _predict(text, article)
        n_gold += len(wanted)
        n_pred += len(got)
        used: set[int] = set()
        for q in wanted:
            gw = set(_WORD.findall(q["text"]))
            for i, p in enumerate(got):
                pw = set(_WORD.findall(p["text"]))
                if i in used or not gw or len(gw & pw) / max(len(gw), len(pw)) < 0.5:
                    continue
                names = aliases.get(q["speaker"], [q["speaker"]]) if q["speaker"] else []
                ok = not names or _surname(p["speaker"]) in {_surname(n) for n in names}
                used.add(i)
                tp += ok
                break
    precision, recall = tp / n_pred, tp / n_gold
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= THRESHOLD, (precision, recall)


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_scare_quotes_and_titles_are_not_reported_as_speech(article: Path) -> None:
    gold = _gold(article)
    extraction = extract(load_path(article))
    spoken = {q.text for q in extraction.quotes if q.kind in (QuoteKind.DIRECT, QuoteKind.PARTIAL)}
    terms = [q["text"] for q in gold["quotes"] if q["kind"] in ("scare", "title")]
    wrongly = [t for t in terms if t in spoken]
    assert len(wrongly) <= max(1, len(terms) // 2), wrongly


def test_gold_files_are_valid_json_round_trip() -> None:
    for article in ARTICLES:
        json.dumps(_gold(article))
