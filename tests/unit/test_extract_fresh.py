"""The fresh sets: 191 news articles in ten rounds, each scored before tuning (issue 17).

`tests/data/extract_fresh` holds, first, 13 original articles (13-30) with gold YAML, written in
genres the own set lacks (wire copy with a dateline, a court report, a sports report, an obituary, a
live blog, UK single quotes, an interview written up as prose, Arabic / Vietnamese / Dutch / French
names, an earnings report, a science piece, a council report full of roles, an analysis piece with
scare quotes and titles, a protest report). They were scored ONCE, before any rule was changed for
them, with main at 9bc5fbd:

    python3 ../shared/eval/convert_heldout.py SET fresh.jsonl
    python3 ../shared/eval/quotes_eval.py fresh.jsonl --func benchmarks.quotes_adapter:extract_text

    quote span overlap F1 0.970, attributed F1 0.798, speaker accuracy 0.823 (144/175),
    scare quotes / terms / titles reported as quotes 0.286 (8/28)

A second round of 15 articles (31-45: a parliamentary committee in UK single quotes, election night,
an environmental investigation, a product launch, a medical study, a crime report, a film review, a
refugee feature with Somali / Chinese / German / Persian / Spanish names, US politics with he/she
chains, a celebrity interview, a merger wire, a letters roundup, an Australian flood report,
Canadian health politics, cricket) was written while the speaker rules were being changed on PolNeAR
and PDNC, kept unseen, and scored ONCE after those changes (main at b0eeae2):

    attributed F1 0.805, speaker accuracy 0.826 (190/230), scare quotes reported 0.320 (8/25)
    (the code before the changes, 9bc5fbd: attributed F1 0.795, speaker accuracy 0.817)

The two rounds together then score attributed F1 0.813, speaker accuracy 0.835, scare 0.264.

A third round of 15 articles (51-65: a wire story with a dateline, an Australian jury trial, a
football report, an obituary, a by-election live blog, a UK tabloid piece in single quotes, an
interview written up as prose, a ship seizure with Arabic / Vietnamese / Dutch / French names, a
science study, a council planning row, an airline business piece with acronym organisations, a
film festival, a fashion profile, a US police appeal, a press review) was written by someone who
never ran the extractor on them and scored ONCE before the next round of speaker rules, with main
at a5f4026:

    attributed F1 0.833, speaker accuracy 0.863 (177/205), scare reported 0.333 (9/27)
    (through `reader quotes - --format json --kind direct,partial`: 0.822 / 0.842 / 0.296)

and once more after that round's rules, tuned only on PolNeAR train and PDNC (main at 3e2c497):
attributed F1 0.861, speaker accuracy 0.893 (CLI 0.850 / 0.871).

The three rounds together at 3e2c497: attributed F1 0.842, speaker accuracy 0.867, scare 0.287.

A fourth round of 16 articles (66-81: a tennis report, a Korean succession with three people
called Choi, Indian and Nigerian politics with stacked titles, a Mexican protest with double
surnames, a UK sentencing with victim statements, a Prime Minister's Questions sketch, a
teachers' union dispute, women's cycling, a tabloid split in straight single quotes, a health
story, an op-ed, a wildfire with a father and son, a Japanese family-name-first business story, a
profile in curly single quotes, Ontario politics) was written by someone who never ran the
extractor on them and scored ONCE before the learned speaker scorer was merged (main c719488):

    attributed F1 0.762, speaker accuracy 0.780 (167/214), scare reported 0.348 (8/23)
    (through `reader quotes - --format json --kind direct,partial`: 0.776 / 0.795 / 0.174)

and once more with the scorer (trained only on PolNeAR train and PDNC, at 2afd658): 0.771 /
0.790 (CLI 0.785 / 0.805). The four rounds together at 487c279: attributed F1 0.836, speaker
accuracy 0.859, scare 0.301.

A fifth round of 17 articles (82-98), 13 of them Canadian (a city council vote, a provincial
legislature walk-out, CFL and NHL reports, a First Nations chief and a federal minister, Quebec
with French quotes in guillemets and their translations, tenants and a landlord, an RCMP press
conference, a flood with "READ MORE:" lines, a convoy court case, nurses, a bank's results, a
federal budget live blog, a Calgary rezoning hearing), plus an obituary, an interview written up
as prose with Vietnamese names and a Libyan story with bin / al- / van der / de La names, was
written by someone who never ran the extractor on them and scored ONCE, before the next round of
speaker rules (main 462a4ee):

    attributed F1 0.813, speaker accuracy 0.861 (217/252), scare reported 0.311 (14/45)
    (through `reader quotes - --format json --kind direct,partial`: 0.813 / 0.835 / 0.156)

The five rounds together at 462a4ee: attributed F1 0.830, speaker accuracy 0.860, scare 0.304.
Since then the adapter reports a headline's quotes as titles, as `reader quotes` does (it lists
none); the figures above counted them as speech.

A sixth round of 21 articles (99-119), 17 of them Canadian (a school board vote, a transit strike,
a by-election night, a Raptors game with nicknames, conservation officers and grizzlies, overdose
deaths told by three women, a Supreme Court ruling with dissents, an Inuktitut daycare in Arviat,
a "weather bomb" warning, an immigration-fraud trial, Question Period, a Quebec film festival in
translation, the Competition Bureau, Prairie drought, a curling semifinal where every "she" turns
on context, noise cameras, a singer's cancelled tour), plus a US wire derailment, a UK piece with
single quotes as the main mark, an Irish hearing and a Nairobi court story, was written by
someone who never ran the extractor on them and scored ONCE, before the next round of speaker
rules (main c9af3b6):

    attributed F1 0.868, speaker accuracy 0.904 (265/293), scare reported 0.120 (9/75)
    (through `reader quotes - --format json --kind direct,partial`: 0.861 / 0.879 / 0.120)

The six rounds together at c9af3b6: attributed F1 0.864, speaker accuracy 0.890, scare 0.157.

A seventh round of 22 articles (120-141), 17 of them Canadian (an NHL trade deadline, a wildfire
live blog, a Cree flooding settlement with elders and an interpreter, a Commons committee grilling a
CEO, a sentencing with victim impact statements, tech layoffs in Waterloo, a campus occupation with
banners and chants, an obituary with a two-paragraph quote, an RCMP search, a premier's tariff trip,
maple producers in translation with guillemets, Canada Post strikes, a local radio story, a language
complaint with nine scare terms, a seabird study, a housing co-op, a poet's interview in the
present tense), plus a Paris council story with particles (de La, Le, du), Vietnamese names met
again by the given name, Dutch van der / De Jong, Omani bin/bint/al- names and a BBC piece with
single quotes as the main mark, was written by someone who never ran the extractor on them and
scored ONCE, before the next round of speaker rules (main 93e4c95):

    attributed F1 0.867, speaker accuracy 0.910 (283/311), scare reported 0.233 (17/73)
    (through `reader quotes - --format json --kind direct,partial`: 0.868 / 0.897 / 0.260)

The seven rounds together at 93e4c95: attributed F1 0.889, speaker accuracy 0.919, scare 0.176;
the floors below still hold and stay as they were.

An eighth round of 22 articles (142-163), 16 of them Canadian (a boil-water advisory, a WHL draft
with a father and son of one surname, a long-term-care inquest with a quote over two paragraphs,
a pipeline regulator hearing with a Métis local, a ferry breakdown, a three-leader debate, a Brier
final, a potash-mine rescue, a refugee appeal through an interpreter, a cannabis-store zoning
fight, a language inspection in translation, Gwich'in speakers through a granddaughter, a Crown
utility CEO's statement read aloud with Q:/A: lines, an earnings call with analysts' questions,
a consumer column full of scare quotes and titles, a film shoot), plus Yoruba and Igbo names in
Lagos, Korean family names first with two unrelated Kims, Mexican double surnames with Doña,
Indian initials, a German von-surname opening sentences with Prof. Dr., and an Irish piece with
single quotes as the main mark and Ó/Mac/Ní names, was written by someone who never ran the
extractor on them and scored ONCE, before the next round of speaker rules (main bd4ee00):

    attributed F1 0.857, speaker accuracy 0.911 (267/293), scare reported 0.207 (18/87)
    (through `reader quotes - --format json --kind direct,partial`: 0.839 / 0.882 / 0.264)

The eight rounds together at bd4ee00: attributed F1 0.895, speaker accuracy 0.924, scare 0.136;
the floors below still hold and stay as they were.

A ninth round of 25 articles (164-188), 19 of them Canadian (a rural ER closing overnight, a
chuckwagon crash, a measles outbreak in a school division, a wharf dispute between two brothers of
one surname, an MLA expelled with duelling statements, a Grey Cup story with two brothers, a
class-action settlement, a sled-race live blog, a ship grounding in translation, a ravine vote with
deputants, a grandparent-scam sentencing, the Junos, Nunavik housing with Inuit names, an avalanche
closure, a phone-in show written up, a road-work column in translation, a students' union, a small
weekly's arena, a right-to-repair bill), plus Ethiopian names used by first name with Ato and W/ro,
Icelandic patronymics, two Zhangs in China, two dos Santos and a "Seu" in Brazil, three Özdemirs
with Bey and Hanım, and Abdel-/El- names in Cairo, was written by someone who never ran the
extractor on them and scored ONCE, before the next round of speaker rules (main 8b3ae4e):

    attributed F1 0.847, speaker accuracy 0.891 (302/339), scare reported 0.328 (21/64)
    (through `reader quotes - --format json --kind direct,partial`: 0.852 / 0.878 / 0.359)

The nine rounds together at 8b3ae4e: attributed F1 0.894, speaker accuracy 0.924, scare 0.145;
the floors below still hold and stay as they were.

A tenth round of 25 articles (189-213), 18 of them Canadian (a snow-levy vote with one councillor
questioning another, a potash-royalty debate, school trustees on phones, a junior-hockey shutout, a
curling draw, a CFL kicker with his father's words nested, an ice storm, a long-COVID clinic, a
port lockout, a First Nation water deal with an Elder speaking through his granddaughter, a play
premiere, a maple-syrup quota fight in translation with « », a bakery chain, an obituary, a fraud
sentencing, a transit stabbing, a tenant bill at Queen's Park, a bike-lane fight in translation),
plus a UK council story in curly single marks, a US school levy, a Queensland crocodile, a Pune
metro delay, a Rotterdam wire story with Vietnamese, Arabic, Dutch and French names, a US Senate
hearing and a UK football sacking in straight single marks, was written by someone who never ran
the extractor on them and scored ONCE, before the next round of rules (main 0c79086):

    attributed F1 0.875, speaker accuracy 0.920 (208/226), scare reported 0.080 (2/25)
    (through `reader quotes - --format json --kind direct,partial`: the same, 0.875 / 0.920 / 0.080;
    span recall 0.911: single marks as the main mark 0.50 and 0.67, nested quotes 0.30)

The ten rounds together at 0c79086: attributed F1 0.911, speaker accuracy 0.935, scare 0.087;
the floors below still hold and stay as they were.

Those first scores are the project's honest estimate of how the rules generalise. The set is kept
apart from the own set (tests/data/extract), whose threshold of 0.95 it would fail (the two together
score 0.849), and the floors below are the first score rounded down to 0.05 (the scare-quote ceiling
rounded up): a regression guard, not a target. Raise them as the rules improve; never tune a rule to
one of these articles and then count the article as unseen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.eval_sets import FRESH, convert_set, score
from tests.conftest import needs_shared_eval

ARTICLES = sorted((FRESH / "articles").glob("*.txt"))
ATTRIBUTED_F1_FLOOR = 0.85
"""The six rounds at c9af3b6 score 0.864, rounded down to 0.05."""
SPEAKER_ACCURACY_FLOOR = 0.85
"""The six rounds at c9af3b6 score 0.890, rounded down to 0.05."""
NONQUOTES_REPORTED_CEILING = 0.20
"""The six rounds at c9af3b6 report 0.157 (lower is better), rounded up to 0.05."""


def _gold(article: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (FRESH / "gold" / (article.stem + ".yaml")).read_text(encoding="utf-8")
    )
    return data


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_gold_quotes_are_verbatim_and_their_speakers_listed(article: Path) -> None:
    """A gold quote missing from its article, or naming an unlisted speaker, would score nothing."""
    text = article.read_text(encoding="utf-8")
    gold = _gold(article)
    assert 250 <= len(text.split()) <= 700  # news length: a seventh-round live blog runs to 672
    assert text.split("\n", 1)[0] == gold["title"]
    names = {s["name"] for s in gold["speakers"]}
    for quote in gold["quotes"]:
        assert quote["text"] in text, quote["text"]
        assert quote["kind"] in ("direct", "partial", "scare", "title")
        if quote["kind"] in ("direct", "partial"):
            # None: words no one is named for ("was said to be 'heartbroken'"), scored on span.
            assert quote["speaker"] is None or quote["speaker"] in names, quote["speaker"]
        else:
            assert quote["speaker"] is None, quote["text"]


def test_fresh_set_is_big_and_varied() -> None:
    assert len(ARTICLES) >= 12
    kinds = {q["kind"] for a in ARTICLES for q in _gold(a)["quotes"]}
    assert kinds == {"direct", "partial", "scare", "title"}


@needs_shared_eval
def test_fresh_set_scores_no_worse_than_its_first_score(tmp_path: Path) -> None:
    result, report = score(
        convert_set(FRESH, tmp_path / "fresh.jsonl"),
        ["--func", "benchmarks.quotes_adapter:extract_text"],
    )
    assert result["records"] == len(ARTICLES), report
    assert result["attributed"][2] >= ATTRIBUTED_F1_FLOOR, report
    assert result["speaker_acc"] >= SPEAKER_ACCURACY_FLOOR, report
    assert result["nonquote_flagged"] <= NONQUOTES_REPORTED_CEILING, report
