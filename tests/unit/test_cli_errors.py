"""Bad input gets one clear line on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import reader.data
from reader.load import MAX_BYTES, load_sample

READER = [sys.executable, "-m", "reader"]
SAMPLE_PATH = Path(reader.data.__file__).parent / "sample.txt"
"""The built-in sample as a file, for tests of any article (the seed is not in every clone)."""
SAMPLE = load_sample()


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*READER, *args], input=stdin, capture_output=True, timeout=60, check=False
    )


def _missing(tmp: Path) -> str:
    return str(tmp / "nope.txt")


def _directory(tmp: Path) -> str:
    return str(tmp)


def _binary(tmp: Path) -> str:
    path = tmp / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    return str(path)


def _undecodable(tmp: Path) -> str:
    path = tmp / "noise.txt"
    path.write_bytes(bytes((i * 7919) % 256 for i in range(1, 20000)).replace(b"\x00", b"\x01"))
    return str(path)


def _huge(tmp: Path) -> str:
    path = tmp / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    return str(path)


def _closed_port_url(tmp: Path) -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/article.html"


BAD_INPUTS: list[tuple[str, Callable[[Path], str], str]] = [
    ("missing file", _missing, "no such file"),
    ("a directory", _directory, "is a directory"),
    ("binary file", _binary, "not a text file"),
    ("undecodable bytes", _undecodable, "not a text file"),
    ("over the size limit", _huge, "too large"),
    ("unreachable URL", _closed_port_url, "cannot fetch"),
]


@pytest.mark.parametrize("command", [[], ["dump"]], ids=["open", "dump"])
@pytest.mark.parametrize(
    ("name", "make", "reason"), BAD_INPUTS, ids=[name for name, _, _ in BAD_INPUTS]
)
def test_bad_input_gives_one_line_and_exit_2(
    tmp_path: Path, command: list[str], name: str, make: Callable[[Path], str], reason: str
) -> None:
    result = run(*command, make(tmp_path))
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert stderr.count("\n") == 1, stderr
    assert stderr.startswith("reader: error: ")
    assert reason in stderr
    assert "Traceback" not in stderr


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Title\n\nSecret.")
    if os.geteuid() != 0:
        path.chmod(0)
        result = run("dump", str(path))
        assert result.returncode == 2
        assert result.stderr.decode() == f"reader: error: {path}: permission denied\n"
        return
    # root reads everything: simulate the refusal in-process instead.
    from reader import cli

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    assert cli.main(["dump", str(path)]) == 2


def test_empty_file_opens_and_says_it_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = run(str(path))
    assert result.returncode == 0
    assert "empty" in result.stdout.decode()


def test_stdin_is_read_with_a_dash() -> None:
    result = run("dump", "-", stdin=SAMPLE_PATH.read_bytes())
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["title"] == SAMPLE.title
    assert len(data["paragraphs"]) == len(SAMPLE.paragraphs)
    assert data["source"] == "<stdin>"


def test_piping_the_article_prints_plain_text() -> None:
    result = run(str(SAMPLE_PATH))
    out = result.stdout.decode()
    assert result.returncode == 0
    assert out.startswith(f"{SAMPLE.title}\n=====")
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "\x1b" not in out


def test_dump_keys_are_stable() -> None:
    data = json.loads(run("dump", str(SAMPLE_PATH)).stdout)
    assert list(data)[:3] == ["title", "source", "url"]
    assert {"paragraphs", "quotes", "speakers", "text_sha256"} <= set(data)
    paragraph = data["paragraphs"][0]
    assert {"id", "index", "kind", "start", "end", "text"} <= set(paragraph)


def test_dump_yaml_round_trips_to_the_same_data() -> None:
    import yaml

    as_json = json.loads(run("dump", str(SAMPLE_PATH)).stdout)
    as_yaml = yaml.safe_load(run("dump", str(SAMPLE_PATH), "--format", "yaml").stdout)
    assert as_yaml == as_json


def test_version_and_help_list_every_command() -> None:
    from reader.commands import COMMANDS

    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.decode().startswith("reader ")
    help_text = run("--help").stdout.decode()
    for name in COMMANDS:
        assert f"  {name} " in help_text
        assert run(name, "--help").returncode == 0


def test_unknown_option_is_a_usage_error() -> None:
    result = run("--no-such-option")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr.decode()


USAGE_ERRORS = [
    ("unknown option", ["--no-such-option"], "unrecognized arguments: --no-such-option", "reader"),
    (
        "misspelt option",
        ["--plian", "a.txt"],
        "unrecognized arguments: --plian (did you mean --plain?)",
        "reader",
    ),
    (
        "misspelt option of a command",
        ["quotes", "--sampel"],
        "quotes: unrecognized arguments: --sampel (did you mean --sample?)",
        "reader quotes",
    ),
    (
        "bad option value",
        ["--width", "abc"],
        "argument --width: invalid int value: 'abc'",
        "reader",
    ),
    ("two files", ["a.txt", "b.txt"], "unrecognized arguments: b.txt", "reader"),
    (
        "bad choice of a command's option",
        ["quotes", "x.txt", "--format", "xml"],
        "quotes: argument --format: invalid choice: 'xml'",
        "reader quotes",
    ),
    (
        "missing argument of a command",
        ["search", "--sample"],
        "search: the following arguments are required: QUERY",
        "reader search",
    ),
    (
        "a command with no FILE",
        ["quotes"],
        "quotes: no FILE given (--sample reads the built-in sample article)",
        "reader quotes",
    ),
    (
        "misspelt command",
        ["qoutes", "a.txt"],
        "unknown command 'qoutes' (did you mean 'quotes'?)",
        "reader",
    ),
    (
        "unknown command",
        ["frobnicate"],
        "unknown command 'frobnicate', and no file of that name",
        "reader",
    ),
]


@pytest.mark.parametrize(
    ("name", "args", "message", "help_command"), USAGE_ERRORS, ids=[c[0] for c in USAGE_ERRORS]
)
def test_usage_errors_are_one_line_with_a_hint(
    tmp_path: Path, name: str, args: list[str], message: str, help_command: str
) -> None:
    result = subprocess.run(
        [*READER, *args], capture_output=True, timeout=60, check=False, cwd=tmp_path
    )
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert stderr.count("\n") == 1, stderr  # no argparse usage block before it
    assert stderr.startswith(f"reader: error: {message}"), stderr
    assert stderr.endswith(f"; see {help_command} --help\n"), stderr
    assert result.stdout == b""


def test_a_file_named_like_a_command_opens_when_given_alone(tmp_path: Path) -> None:
    (tmp_path / "quotes").write_text("Storm hits coast\n\nA storm hit the coast on Monday.\n")
    result = subprocess.run(
        [*READER, "quotes"], capture_output=True, timeout=60, check=False, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().startswith("Storm hits coast\n")
    # with anything after it, the word is the command (and the file its argument)
    result = subprocess.run(
        [*READER, "quotes", "quotes", "--format", "json"],
        capture_output=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["quotes"] == []


def test_a_bare_word_that_is_a_file_opens(tmp_path: Path) -> None:
    (tmp_path / "t2").write_text("Storm hits coast\n\nA storm hit the coast on Monday.\n")
    result = subprocess.run(
        [*READER, "t2"], capture_output=True, timeout=60, check=False, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr.decode()
    assert "A storm hit the coast" in result.stdout.decode()


@pytest.mark.parametrize("command", ["dump", "quotes", "speakers", "export"])
def test_commands_read_the_sample_with_dash_dash_sample(command: str) -> None:
    result = run(command, "--sample", "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    assert "Ferrante-Ruiz" in result.stdout.decode()


def test_search_reads_the_sample_with_dash_dash_sample() -> None:
    result = run("search", "--sample", "Mill Street bridge", "--limit", "1", "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    assert "Mill Street" in json.loads(result.stdout)["results"][0]["snippet"]


def test_file_and_sample_together_is_a_usage_error(tmp_path: Path) -> None:
    result = run("dump", "--sample", str(tmp_path / "a.txt"))
    assert result.returncode == 2
    assert "give a FILE or --sample, not both" in result.stderr.decode()


def test_the_sample_opens_with_sample_as_the_commands_take_it() -> None:
    # `reader quotes --sample` works, so a new user tries `reader --sample` next.
    result = run("--sample")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith(f"{SAMPLE.title}\n=====")

    both = run("--sample", str(SAMPLE_PATH))
    assert both.returncode == 2
    assert both.stderr.decode().count("\n") == 1
    assert both.stderr.decode().startswith("reader: error: give a FILE or --sample, not both")
