"""Crash-safe file primitives for notes files: reading, atomic replacement, a fair lock.

A save goes to a temporary file in the same directory, is flushed and fsynced, renamed over
the old file, and the directory is fsynced: a process killed at any moment leaves either the
old file or the new one. A notes file that is a symlink is written through to its target
(the link stays a link). Only regular files are read: a FIFO, device or socket in place of
a notes file is refused at once instead of blocking the reader forever.

The lock (`<file>.lock`, `flock`) keeps two processes from saving the same file at once. A
waiter blocks in the kernel (no polling) and is served in turn: a process cannot release the
lock and take it straight back while others wait, because taking it goes through a second
lock, the turnstile (`<file>.queue.lock`), that the first waiter holds until it is served.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path


class LockTimeout(OSError):
    """Another process held a file's lock for longer than the caller would wait."""


class NotRegularFile(OSError):
    """A notes path names a FIFO, device, socket or directory: refused, never opened for I/O."""


_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)
"""What a path can be instead of a regular file, in words for the user."""


def kind_of(mode: int) -> str:
    """`a FIFO (named pipe)`, `a socket`...: what a non-regular file is, for messages."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return "not a regular file"


def write_target(path: Path) -> Path:
    """The file a save of `path` replaces: the symlink's final target, else `path` itself."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of `path` (at most `limit`), refusing anything but a regular file at once.

    Checked before opening, opened with O_NONBLOCK so a FIFO with no writer cannot block the
    open (if it was swapped in meanwhile), and checked again with `fstat` before any read.
    Raises `FileNotFoundError`, `NotRegularFile` or another `OSError`.
    """
    check_regular(path)  # a socket cannot even be opened: say what it is
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"{path} is {kind_of(mode)}, not a notes file")
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read() if limit is None else handle.read(limit)
    finally:
        os.close(fd)


def check_regular(path: Path) -> None:
    """Raise `NotRegularFile` when `path` exists and is not a regular file (links followed)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise NotRegularFile(f"{path} is {kind_of(mode)}, not a notes file")


def atomic_write(path: Path, data: bytes, *, backup: Path | None = None) -> None:
    """Replace `path` with `data` atomically and durably (temp file, fsync, rename, fsync dir).

    A crash at any moment leaves either the old file or the new one. A symlink is written
    through to its target. With `backup`, the file being replaced becomes `backup` (a hard
    link to the old bytes, so no copy is made) just before the rename.
    """
    path = write_target(path)
    check_regular(path)
    directory = path.parent
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        if backup is not None:
            _link_backup(path, backup)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    fsync_directory(directory)


def _link_backup(path: Path, backup: Path) -> None:
    """Make `backup` name the current inode of `path` (atomically replacing an older one)."""
    staged = backup.with_name(f".{backup.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        os.link(path, staged)
    except FileNotFoundError:
        return
    except OSError:  # no hard links here (some network or FAT file systems): copy instead
        staged.write_bytes(path.read_bytes())
    os.replace(staged, backup)
    # When `backup` already names that inode (a save killed between linking it and renaming
    # the new file in), the rename does nothing and leaves `staged` behind: remove it.
    with contextlib.suppress(FileNotFoundError):
        staged.unlink()


def fsync_directory(directory: Path) -> None:
    """Flush a directory entry change (a rename) to disk, where the platform allows."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms that cannot open a directory
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - file systems without directory fsync
        pass
    finally:
        os.close(fd)


def trim_oldest(paths: Iterable[Path], max_bytes: int) -> None:
    """Remove the least recently modified of `paths` until they hold at most `max_bytes`.

    For caches whose entries are safe to lose: a file that cannot be read or removed is
    skipped, never an error.
    """
    entries: list[tuple[float, int, Path]] = []
    for path in paths:
        with contextlib.suppress(OSError):
            status = path.stat()
            entries.append((status.st_mtime, status.st_size, path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= max_bytes:
            break
        with contextlib.suppress(OSError):
            path.unlink()
            total -= size


def remove_stale_temporaries(path: Path) -> None:
    """Delete temporaries left by writers of `path` that died mid-save.

    Call it with the file lock held: no live writer of this file owns a temporary then.
    """
    path = write_target(path)
    for temporary in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            temporary.unlink()


@contextlib.contextmanager
def file_lock(path: Path, timeout: float) -> Iterator[None]:
    """Hold an exclusive lock on `<path>.lock` so two processes never save at once.

    Waiters block (no polling) and are served in turn (see the module docstring). Raises
    `LockTimeout` when the lock is not ours within `timeout` seconds.
    """
    try:
        import fcntl  # noqa: F401 - only to learn whether flock exists here
    except ImportError:  # pragma: no cover - Windows: saves are still atomic, not serialised
        yield
        return
    target = write_target(path)
    lock_path = target.with_name(target.name + ".lock")
    queue_path = target.with_name(target.name + ".queue.lock")
    queue = _Flock(queue_path)
    try:
        if not queue.acquire(timeout):
            raise LockTimeout(f"{path.name} is locked by another process")
        lock = _Flock(lock_path)
        try:
            got = lock.acquire(timeout)
            queue.release()
            if not got:
                raise LockTimeout(f"{path.name} is locked by another process")
            yield
        finally:
            lock.release()
    finally:
        queue.release()


class _Flock:
    """One exclusive `flock` on a lock file, waited for in the kernel with a time limit.

    The blocking `flock` call runs in a helper thread so the caller can stop waiting; a
    helper whose caller gave up releases the lock as soon as it gets it, and closes the file.
    """

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        self._held = False
        self._closed = False
        self._guard = threading.Lock()
        self._abandoned = False

    def acquire(self, timeout: float) -> bool:
        """Take the lock within `timeout` seconds; False (and the file closed) if not."""
        import fcntl

        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self._held = True
            return True
        except BlockingIOError:
            pass
        served = threading.Event()
        helper = threading.Thread(target=self._wait, args=(served,), daemon=True)
        helper.start()
        served.wait(timeout)
        with self._guard:
            if self._held:
                return True
            self._closed = True
            if served.is_set():  # the helper failed and has finished: the file is ours
                os.close(self._fd)
            else:  # the helper releases the lock and closes the file when it gets it
                self._abandoned = True
            return False

    def _wait(self, served: threading.Event) -> None:
        import fcntl

        fd = self._fd
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            with self._guard:
                if self._abandoned:
                    os.close(fd)
                served.set()
            return
        with self._guard:
            if self._abandoned:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
            else:
                self._held = True
            served.set()

    def release(self) -> None:
        """Let the lock go and close its file (idempotent; a no-op after a timeout)."""
        import fcntl

        with self._guard:
            if self._closed:
                return
            self._closed = True
            if self._held:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
                self._held = False
            os.close(self._fd)
