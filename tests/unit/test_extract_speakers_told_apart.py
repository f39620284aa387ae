"""Two people of one surname, a father and his daughter, are two speakers told apart."""

from __future__ import annotations

from pathlib import Path

from reader.document import blocks_of, build_article
from reader.extract import Extraction, extract
from reader.load import load_path

FRESH = Path(__file__).parent.parent / "data" / "extract_fresh" / "articles"

TAILORS = """\
Chen Hua, 70, started the tailoring shop with his late wife. Their daughter, Chen Yu, 41, now \
runs it.

"Every suit here is cut by hand," Ms Chen said on Monday, pinning a sleeve. "That will not \
change."

Mr Chen sat by the window. "My eyes are not good now," he said. "But I still check the seams."

"He checks everything twice," Ms Chen said.
"""

BAKERS = """\
Okafor Emeka, 71, opened the bakery in 1979 with his late wife. It is now run by their \
daughter, Okafor Ada, 44.

"We bake at four every morning," Ms Okafor said. "Nobody has ever missed a day."

Mr Okafor still comes in. "I taught her the starter," he said. "She does it better."

"He says that to everyone," Ms Okafor said, laughing.
"""


def _speakers_of(text: str) -> dict[str, str | None]:
    """Each quote's first words -> its speaker's name."""
    article = build_article(blocks_of(text.split("\n\n")), title="", source="<test>")
    extraction = extract(article)
    return {q.text[:12]: _name(extraction, q.speaker) for q in extraction.quotes}


def _name(extraction: Extraction, speaker: str | None) -> str | None:
    found = extraction.speaker(speaker)
    return found.name if found else None


def test_mr_chen_after_ms_chen_is_her_father_not_her() -> None:
    said = _speakers_of(TAILORS)
    assert said["Every suit h"] == said["He checks ev"] == "Chen Yu"
    assert said["My eyes are "] == said["But I still "] == "Chen Hua"


def test_mr_okafor_is_not_merged_with_ms_okafor() -> None:
    said = _speakers_of(BAKERS)
    daughter = {said["We bake at f"], said["Nobody has e"], said["He says that"]}
    father = {said["I taught her"], said["She does it "]}
    assert len(daughter) == len(father) == 1 and daughter != father, said


def test_two_speakers_of_one_name_are_listed_by_their_titles() -> None:
    """`reader speakers` and the Speakers pane listed `Zhang` twice (a father and a daughter)."""
    extraction = extract(load_path(FRESH / "182_two_zhangs_noodle.txt"))
    names = [s.name for s in extraction.speakers]
    assert len(names) == len(set(names)), names
    assert {"Ms Zhang", "Mr Zhang"} <= set(names), names
