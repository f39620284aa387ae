"""`benchmarks/eval_sets.py`: one summary row per set; an absent corpus path is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import eval_sets
from tests.conftest import needs_shared_eval

needs_eval = needs_shared_eval


@needs_eval
def test_a_missing_corpus_file_is_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        eval_sets.main(["--pdnc", str(tmp_path / "absent.jsonl")])
    assert str(stop.value) == f"eval_sets: {tmp_path / 'absent.jsonl'} does not exist"


@needs_eval
@pytest.mark.slow
def test_summary_has_a_row_per_set_with_the_five_measures(
    capsys: pytest.CaptureFixture[str],
) -> None:
    eval_sets.main([])
    lines = capsys.readouterr().out.splitlines()
    header = next(line for line in lines if line.startswith("set "))
    for measure in ("overlap F1", "attrib. F1", "speaker", "pronoun sp.", "scare rep."):
        assert measure in header
    rows = {line.split()[0]: line.split()[1:] for line in lines[lines.index(header) + 1 :]}
    assert set(rows) == {"own", "fresh"}
    own_quotes, _overlap, own_attributed, *_ = rows["own"]
    assert int(own_quotes) > 50
    assert float(own_attributed) >= 0.9
    assert rows["fresh"][4] == "-"  # no pronoun speakers in hand-written gold
