"""The pty harness of the UI benchmarks: run a program in a pseudo-terminal, as a user would.

What `bench_ui.py`, `bench_notes_scale.py`, `bench_library.py` and `bench_child_memory.py`
share: the trivial Textual app every timing is divided by, the generated book, an isolated
environment, the memory of a whole process tree read from /proc, and a `Session` that spawns a
program in a pty, sends keys and stops the clock when the bytes that put a change on screen
arrive (see `bench_ui.py`'s docstring for how each figure is taken).
"""

from __future__ import annotations

import os
import random
import select
import statistics
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.terminal import KEYS, Terminal  # noqa: E402

TRIVIAL_APP = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Trivial(App):
        BINDINGS = [("j", "bump"), ("q", "quit")]
        count = 0

        def compose(self):
            yield Header()
            yield Static("trivial line 0", id="line")
            yield Footer()

        def action_bump(self):
            self.count += 1
            self.query_one("#line", Static).update(f"trivial line {self.count}")

    Trivial().run()
    """
)

WORD_TEXT = """
    the of and to a in that is was he for it with as his on be at by had not are but from or
    have an they which one you were her all she there would their we him been has when who will
    more no if out so what up its about into than them can only other new some could time these
    two may then do first any my now such like our over man me even most made after also did
    many before must through back years where much your way well down should because each just
    those people council bridge river water spring town budget vote winter
    """
"""Words the generated texts are made of."""
WORDS = tuple(WORD_TEXT.split())
NAMES = ("Ines Ferrante-Ruiz", "Derek Amsel", "Margaret Olufemi", "Tomasz Wiśniewski", "the UN")


def make_book(path: Path, size: int = 3_000_000, seed: int = 4) -> int:
    """Write a deterministic ~`size`-byte text with quotes; return its paragraph count."""
    rng = random.Random(seed)
    parts = ["The Long Book of Testimony", ""]
    total = 0
    count = 0
    while total < size:
        count += 1
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 40)))
        paragraph = words.capitalize() + "."
        if count % 3 == 0:
            said = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 15))).capitalize()
            paragraph += f' "{said}," said {rng.choice(NAMES)}.'
        parts.extend((paragraph, ""))
        total += len(paragraph.encode()) + 2
    path.write_text("\n".join(parts), encoding="utf-8")
    return count


def first_words(path: Path) -> str:
    """The opening words of the text's first body paragraph (they fit on one screen line)."""
    body = path.read_text(encoding="utf-8").split("\n\n")[1]
    return " ".join(body.split()[:4])


def environment(home: Path) -> dict[str, str]:
    """Isolated config, state, data and cache dirs; 256 colours."""
    return {
        "TERM": "xterm-256color",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }


# ------------------------------------------------------------------------- memory


def _children(pid: int) -> list[int]:
    """The children of `pid`, started by any of its threads (none once it has gone)."""
    found: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:  # it ended between two reads (seen: an extraction child that just exited)
        return found
    for task in tasks:
        try:
            found.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def _command(pid: int) -> bytes:
    """The command line of `pid` (empty once it has gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _status_kb(pid: int) -> tuple[int, int] | None:
    """(VmRSS, VmHWM) of `pid` in kB; None once it has gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    rss = hwm = 0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1])
        elif line.startswith("VmHWM:"):
            hwm = int(line.split()[1])
    return rss, hwm


@dataclass
class TreeMemory:
    """Peak memory of a process and all its descendants, sampled from /proc."""

    root: int
    peaks_kb: dict[int, int] = field(default_factory=dict)
    """Each process's VmHWM, as last read."""
    rss_sum_kb: int = 0
    """The largest sum of VmRSS over the tree in one sample."""

    def sample(self) -> None:
        """Read every process of the tree now.

        A child caught between its fork and its exec still runs the reader's own memory (a
        vfork shares it): its VmHWM is then the reader's, and counting it would count the
        reader twice (seen: 180 MB instead of 160 in one run of the 3 MB book). Such a child,
        whose command line is still the reader's, is left out until it has exec'd.
        """
        todo, seen, total = [self.root], set(), 0
        root_command = _command(self.root)
        while todo:
            pid = todo.pop()
            if pid in seen:
                continue
            seen.add(pid)
            if pid != self.root and _command(pid) == root_command:
                todo.extend(_children(pid))
                continue
            read = _status_kb(pid)
            if read is None:
                continue
            total += read[0]
            self.peaks_kb[pid] = max(self.peaks_kb.get(pid, 0), read[1])
            todo.extend(_children(pid))
        self.rss_sum_kb = max(self.rss_sum_kb, total)

    @property
    def hwm_sum_mb(self) -> float:
        """Sum of each process's peak, in MB (the figure held to the targets)."""
        return sum(self.peaks_kb.values()) / 1024

    @property
    def reader_mb(self) -> float:
        """The peak of the program itself (the root of the tree), in MB."""
        return self.peaks_kb.get(self.root, 0) / 1024

    @property
    def processes(self) -> int:
        """How many processes were seen."""
        return len(self.peaks_kb)


# ------------------------------------------------------------------------- driving


BURST_GAP = 0.003
"""Seconds of silence that end one burst of output (one frame, read a few KB at a time)."""


def read_burst(
    term: Terminal, timeout: float, arrived_hook: Callable[[], None] | None = None
) -> float | None:
    """Read the next burst of output whole, then show it to the emulator; when its end came.

    A frame of 10-15 KB passes the pty a few KB at a time. Read and emulated a piece at a time,
    a frame was judged half drawn: its top rows (the article) a piece before its last (the
    panes' borders, the status line), and the emulator's 5-17 ms per piece came in between, so
    "panes filled" came 10-40 ms after "body on screen" even when both were in one frame.
    Returns the `time.perf_counter()` of the burst's last bytes (before the emulator runs);
    None when nothing came within `timeout`. Raises EOFError once the program closed the pty.
    `arrived_hook` is called once the burst is read, before the emulator takes it in.
    """
    master = term._master  # the harness keeps the pty's fd; the burst is read here whole
    if not select.select([master], [], [], timeout)[0]:
        return None
    chunks: list[bytes] = []
    arrived = time.perf_counter()
    while select.select([master], [], [], BURST_GAP if chunks else 0)[0]:
        try:
            data = os.read(master, 65536)
        except OSError:
            data = b""
        if not data:
            if not chunks:
                raise EOFError("the program closed its terminal")
            break
        arrived = time.perf_counter()
        chunks.append(data)
    if arrived_hook is not None:
        arrived_hook()
    data = b"".join(chunks)
    term.stream.feed(data)
    term._answer_queries(data)
    return arrived


class Session:
    """One program in a pty, its screen read only when output comes, its memory sampled."""

    def __init__(self, argv: list[str], size: tuple[int, int], env: dict[str, str]) -> None:
        self.term = Terminal(argv, cols=size[0], rows=size[1], env=env)
        self.term.start()
        self.start = time.perf_counter()
        assert self.term._proc is not None  # the harness keeps the process; we need its pid
        self.memory = TreeMemory(self.term._proc.pid)
        self._last_sample = 0.0
        self._arrived: float | None = None  # when the output on screen now came
        self._burst_cpu = 0.0  # the program's CPU seconds when the last burst was read
        self.arrived_cpu = 0.0
        """The program's CPU seconds when the output on screen now was read (`cpu_seconds`)."""

    def _note_cpu(self) -> None:
        self._burst_cpu = self.cpu_seconds()

    def _pump(self, timeout: float) -> float | None:
        arrived = read_burst(self.term, timeout, self._note_cpu)
        if arrived is not None:
            self._arrived = arrived
            self.arrived_cpu = self._burst_cpu
        now = time.perf_counter()
        if now - self._last_sample > 0.005:
            self.memory.sample()
            self._last_sample = now
        return arrived

    def until(self, done: Callable[[str], bool], since: float, limit: float = 120) -> float:
        """Seconds from `since` until the output that makes `done(screen)` true was read.

        The screen as it is counts: panes that came in the body's frame are timed with it, not
        with the next frame (which the first figure after "body on screen" used to wait for).
        """
        if self._arrived is not None and self._arrived >= since and done(self.term.screen_text()):
            return self._arrived - since
        while True:
            try:
                arrived = self._pump(0.002)
            except EOFError:
                raise RuntimeError(f"exited early:\n{self.term.screen_text()}") from None
            if arrived is not None and done(self.term.screen_text()):
                return arrived - since
            if time.perf_counter() - since > limit:
                raise RuntimeError(f"timed out:\n{self.term.screen_text()}")

    def key(self, key: str, done: Callable[[str, str], bool]) -> float:
        """Seconds from writing `key` until `done(before, now)` holds on screen."""
        before = self.term.screen_text()
        start = time.perf_counter()
        self.term.send(KEYS.get(key, key))
        return self.until(lambda now: done(before, now), start, limit=20)

    def key_settled(self, key: str, quiet: float = 0.4) -> float:
        """Seconds from writing `key` until the screen stopped changing (its last change).

        Reads until nothing came for `quiet` seconds; the time is that of the first output
        after which the screen text stayed as it ended (cursor blinks change no text).
        """
        self.settle(quiet)
        start = time.perf_counter()
        self.term.send(KEYS.get(key, key))
        frames: list[tuple[float, str]] = []
        while True:
            arrived = self._pump(quiet)
            if arrived is None:
                break
            frames.append((arrived, self.term.screen_text()))
            if time.perf_counter() - start > 20:
                raise RuntimeError(f"key {key!r} never settled")
        if not frames:
            raise RuntimeError(f"key {key!r} changed nothing:\n{self.term.screen_text()}")
        final = frames[-1][1]
        settled = frames[-1][0]
        for arrived, text in reversed(frames):
            if text != final:
                break
            settled = arrived
        return settled - start

    def settle(self, quiet: float = 0.3) -> None:
        """Read until the program wrote nothing for `quiet` seconds."""
        deadline = time.perf_counter() + 30
        while time.perf_counter() < deadline and self._pump(quiet) is not None:
            pass

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the program's own process has used so far.

        Kernel ticks of 10 ms: meaningful summed over many keys, not for one. Once the
        process has gone (reaped), the last value read.
        """
        try:
            stat = Path(f"/proc/{self.memory.root}/stat").read_text()
        except OSError:
            return self._burst_cpu
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def quit(self, timeout: float = 30) -> None:
        """Quit with `q` and reap it (and close the pty, which ends it if `q` did not)."""
        self.memory.sample()
        self.term.send("q")
        try:
            self.term.wait_exit(timeout)
        except AssertionError:
            print("  (did not quit in time; stopped)", file=sys.stderr)
        finally:
            self.term.close()


@contextmanager
def session(argv: list[str], size: tuple[int, int], env: dict[str, str]) -> Iterator[Session]:
    """A `Session`, closed whatever happens."""
    run = Session(argv, size, env)
    try:
        yield run
    finally:
        run.term.close()


def p95(values: list[float]) -> float:
    """The 95th percentile of `values` (interpolated between the two nearest)."""
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def spread(values: list[float]) -> str:
    """Median with min and max."""
    return f"{statistics.median(values):.2f}x ({min(values):.2f}-{max(values):.2f})"


def compile_bytecode() -> None:
    """Write the project's bytecode, as `pip install .` does, before timing start-up."""
    import compileall

    for package in ("reader", "annotations"):
        compileall.compile_dir(ROOT / package, quiet=1)
