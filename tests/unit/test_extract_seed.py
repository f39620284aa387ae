"""The seed article of ../shared comes out as its gold file says (skipped when it is absent)."""

from __future__ import annotations

import pytest
import yaml

from reader.extract import QuoteKind, extract
from reader.load import load_path
from tests.conftest import SEED, SHARED, needs_shared_seed

GOLD = SHARED / "seeds" / "000_c43e0c764996e868.gold.yaml"

pytestmark = needs_shared_seed


@pytest.fixture(scope="module")
def seed():  # type: ignore[no-untyped-def]
    article = load_path(SEED)
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    return article, extract(article), gold


def test_title_and_paragraphs_as_gold(seed) -> None:  # type: ignore[no-untyped-def]
    article, _, gold = seed
    assert article.title == gold["title"]
    assert len(article.paragraphs) == gold["paragraphs"]


def test_every_quote_text_kind_and_speaker_as_gold(seed) -> None:  # type: ignore[no-untyped-def]
    _, extraction, gold = seed
    quoted = [q for q in extraction.quotes if q.kind is not QuoteKind.INDIRECT]
    got = []
    for q in quoted:
        speaker = extraction.speaker(q.speaker)
        got.append((q.text, q.kind.value, speaker.name if speaker else None))
    expected = [(q["text"], q["kind"], q["speaker"]) for q in gold["quotes"]]
    assert got == expected


def test_speakers_merged_with_gold_aliases(seed) -> None:  # type: ignore[no-untyped-def]
    article, extraction, gold = seed
    for want in gold["speakers"]:
        names = {want["name"], *want.get("aliases", [])}
        found = [s for s in extraction.speakers if names & {s.name, *s.aliases}]
        assert len(found) == 1, want["name"]
        speaker = found[0]
        # every gold name that the article actually contains is known for this speaker
        in_text = {n for n in names if n in article.text}
        assert in_text <= {speaker.name, *speaker.aliases}
        assert speaker.organisation == (want.get("type") == "organisation")


def test_reported_speech_of_the_seed_is_found(seed) -> None:  # type: ignore[no-untyped-def]
    _, extraction, _ = seed
    indirect = [q for q in extraction.quotes if q.kind is QuoteKind.INDIRECT]
    texts = " | ".join(q.text for q in indirect)
    assert "he expected his meeting with Putin" in texts
    assert "there would be no new military operation" in texts
    erdogan = next(q for q in indirect if q.text.startswith("he expected"))
    assert extraction.speaker(erdogan.speaker).name == "Erdogan"  # type: ignore[union-attr]
