"""Run the real `reader` command in a pseudo-terminal and read its screen as a user would.

A pty gives the program a real terminal of a chosen size; pyte, a pure-Python terminal
emulator, turns what it writes into a screen of characters and colours, so the tests need no
system packages (no tmux, no X).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

import pyte

VENV_BIN = Path(sys.executable).parent
"""Where the console script `reader` lives: beside the Python running the tests."""

KEYS: dict[str, str] = {
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~",
    "enter": "\r",
    "escape": "\x1b",
    "tab": "\t",
    "shift+tab": "\x1b[Z",
    "backspace": "\x7f",
    "space": " ",
    "ctrl+p": "\x10",
    "ctrl+c": "\x03",
}
"""Byte sequences an xterm sends for named keys."""


ESCAPE_PAUSE = 0.25
"""Seconds waited after `escape` before the next key (more than Textual's 100 ms ESCDELAY)."""


def reader_command(*args: str) -> list[str]:
    """The argv that runs the installed `reader` console script with `args`."""
    return [str(VENV_BIN / "reader"), *args]


class Terminal:
    """A program running in a pty of `cols` x `rows`, with its screen emulated by pyte."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        cols: int = 80,
        rows: int = 24,
        env: Mapping[str, str] | None = None,
        cwd: str | Path | None = None,
        stdin: int | None = None,
    ) -> None:
        self.argv = list(argv)
        self.cols, self.rows = cols, rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self._env = {
            # COLUMNS/LINES are dropped: programs prefer them to the pty's size, hiding resizes.
            **{
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("TMUX", "SSH_")) and k not in ("COLUMNS", "LINES")
            },
            "TERM": "xterm-256color",
            **(env or {}),
        }
        self._cwd = cwd
        self._stdin = stdin
        self._proc: subprocess.Popen[bytes] | None = None
        self._master = -1
        self.exit_code: int | None = None

    def __enter__(self) -> Terminal:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        """Start the program in a new session whose controlling terminal is a new pty.

        No `preexec_fn`: Python code run between fork and exec can deadlock the child (and
        `Popen`, which waits for the exec, with it) when the test process has threads. A small
        shim claims the pty and execs the program instead: util-linux `setsid --ctty` (a few
        milliseconds, so timings stay fair) when the pty is the program's stdin, else Python.
        """
        master, slave = os.openpty()
        self._set_size(slave, self.cols, self.rows)
        os.set_blocking(master, False)  # reads and writes below never wait without a deadline
        self._master = master
        setsid = shutil.which("setsid") if self._stdin is None else None
        if setsid is not None:  # it calls setsid() itself: the child is no group leader yet
            argv = [setsid, "--ctty", *self.argv]
        else:
            tty_fd = 0 if self._stdin is None else 1
            argv = [sys.executable, "-c", _CLAIM_TTY, str(tty_fd), *self.argv]
        self._proc = subprocess.Popen(
            argv,
            stdin=slave if self._stdin is None else self._stdin,
            stdout=slave,
            stderr=slave,
            env=self._env,
            cwd=self._cwd,
            start_new_session=setsid is None,
            close_fds=True,
        )
        os.close(slave)

    @staticmethod
    def _set_size(fd: int, cols: int, rows: int) -> None:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def pump(self, timeout: float = 0.05) -> bool:
        """Read whatever the program wrote within `timeout` seconds; False once it closed."""
        try:
            self.pump_timed(timeout)
        except EOFError:
            return False
        return True

    def pump_timed(self, timeout: float) -> float | None:
        """Read everything the program wrote within `timeout` seconds, and say when it came.

        Returns the `time.perf_counter()` at which the last of the bytes was read, taken before
        the emulator runs; None when nothing came within `timeout`. Raises EOFError once the
        program has closed the terminal. Benchmarks time the screen with this: pyte, in pure
        Python, needs 5-17 ms to take in a first frame, which a real terminal does in well
        under one, and that is the harness's cost, not the program's.
        """
        readable, _, _ = select.select([self._master], [], [], timeout)
        if not readable:
            return None
        chunks: list[bytes] = []
        arrived = time.perf_counter()
        while True:
            try:
                data = os.read(self._master, 65536)
            except BlockingIOError:
                break
            except OSError:
                data = b""
            if not data:
                if not chunks:
                    raise EOFError("the program closed its terminal")
                break
            arrived = time.perf_counter()
            chunks.append(data)
        data = b"".join(chunks)
        self.stream.feed(data)
        self._answer_queries(data)
        return arrived

    def _answer_queries(self, data: bytes) -> None:
        """Answer the cursor-position query some programs send, as a terminal would."""
        if b"\x1b[6n" in data:
            y, x = self.screen.cursor.y + 1, self.screen.cursor.x + 1
            self.send(f"\x1b[{y};{x}R")

    def screen_text(self) -> str:
        """The screen as text, one line per row, trailing spaces kept."""
        return "\n".join(self.screen.display)

    def lines(self) -> list[str]:
        """The screen rows, right-stripped."""
        return [line.rstrip() for line in self.screen.display]

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        """Wait until `text` shows on screen; return the screen; raise with the screen if not."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.screen_text():
                return self.screen_text()
            if not self.pump(0.05) and text not in self.screen_text():
                break
        screen = self.screen_text()
        if text in screen:
            return screen
        raise AssertionError(f"{text!r} not on screen after {timeout}s:\n{screen}")

    def wait_until(self, predicate: object, timeout: float = 30.0) -> str:
        """Wait until `predicate(screen_text)` is true; return the screen."""
        assert callable(predicate)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self.screen_text()):
                return self.screen_text()
            self.pump(0.05)
        raise AssertionError(f"condition not met after {timeout}s:\n{self.screen_text()}")

    def settle(self, quiet: float = 0.3, timeout: float = 5.0) -> str:
        """Read until the program has written nothing for `quiet` seconds; return the screen."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            readable, _, _ = select.select([self._master], [], [], quiet)
            if not readable:
                break
            if not self.pump(0):
                break
        return self.screen_text()

    def send(self, data: str | bytes) -> None:
        """Type raw characters (or bytes) into the terminal."""
        raw = data.encode() if isinstance(data, str) else data
        deadline = time.monotonic() + 10
        while raw:
            try:
                raw = raw[os.write(self._master, raw) :]
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise AssertionError("the program stopped reading its input") from None
                self.pump(0.05)  # it may be waiting for us to read its output first

    def send_key(self, name: str) -> None:
        """Press a named key (`down`, `pagedown`, `enter`, `escape`, `shift+tab`...).

        After `escape`, wait out the terminal's escape delay: a key that follows a lone ESC
        sooner arrives as alt+key, in any terminal program. The reader reads an unbound alt+key
        as esc then the key (`test_escape_e2e` tests that); the other tests type like a person.
        """
        self.send(KEYS[name])
        if name == "escape":
            until = time.monotonic() + ESCAPE_PAUSE
            while time.monotonic() < until:
                self.pump(0.02)

    def resize(self, cols: int, rows: int) -> None:
        """Resize the terminal, as a user dragging the window would."""
        self.cols, self.rows = cols, rows
        self.screen.resize(rows, cols)
        self._set_size(self._master, cols, rows)
        if self._proc is not None:
            self._proc.send_signal(signal.SIGWINCH)

    def wait_exit(self, timeout: float = 10.0) -> int:
        """Wait for the program to end, reading its output; return its exit code."""
        assert self._proc is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                break
            self.pump(0.05)
        if self._proc.poll() is None:
            raise AssertionError(f"still running after {timeout}s:\n{self.screen_text()}")
        drain_until = time.monotonic() + 2  # its last output, unless a child keeps the pty open
        while time.monotonic() < drain_until and self.pump(0.05):
            pass
        self.exit_code = self._proc.wait(timeout=1)
        return self.exit_code

    def close(self) -> None:
        """Stop the program (and anything it started) if it still runs; release the pty."""
        if self._proc is not None and self._proc.poll() is None:
            self._signal_session(signal.SIGTERM)
            try:
                self._proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self._signal_session(signal.SIGKILL)
                # if even that does not end it, leave it rather than hang the test run
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self._proc.wait(timeout=10)
        if self._master >= 0:
            os.close(self._master)
            self._master = -1

    def _signal_session(self, signum: int) -> None:
        """Send `signum` to the program's process group (its extraction child included)."""
        assert self._proc is not None
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._proc.pid, signum)


_CLAIM_TTY = (
    "import fcntl, os, sys, termios; "
    "fcntl.ioctl(int(sys.argv[1]), termios.TIOCSCTTY, 0); "
    "os.execvp(sys.argv[2], sys.argv[2:])"
)
"""Run in the program's new session: make the pty its controlling terminal, then exec it."""
