"""What `reader quotes FILE --kind direct,partial` lists around scare terms (issue 17, class 5).

The measure of issue 17 reads quotes through this command, nested quotes included: a term a
trade uses, a word quoted inside someone's speech, a title in sentence case and an excerpt of a
linked story must not come out as speech, while the speech around them does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

ARTICLE = """Storm warning for the coast

Crews are bracing for what forecasters are calling a "weather bomb" on Friday.

"They said 'pivot' about forty times in one meeting, and then they left," Dana Moss said.

The study, published under the title "Salt marsh loss in two estuaries," drew praise.

CLOSING: "The Blue Door, a jazz bar on Elm Street, will shut in May." http://ex.am/p1

Tomas Berg called the closure "a disgrace" on Tuesday.
"""


def test_reported_quotes_leave_out_the_terms_titles_and_excerpts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "storm.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["quotes", str(path), "--format", "json", "--kind", "direct,partial"]) == 0
    quotes = json.loads(capsys.readouterr().out)["quotes"]
    assert [(q["text"], q["kind"], q["speaker"]) for q in quotes] == [
        (
            "They said 'pivot' about forty times in one meeting, and then they left,",
            "direct",
            "Dana Moss",
        ),
        ("a disgrace", "partial", "Tomas Berg"),
    ]
