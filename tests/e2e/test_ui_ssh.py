"""Reading over SSH: `reader` behind a real SSH session on loopback, with a pty, read by pyte.

An in-process asyncssh server (throwaway host and client keys, made in the test) answers a
session that requests a pseudo-terminal, runs the real `reader` command in a pty of the size the
client asked for, with `SSH_CONNECTION` set as sshd would, and relays bytes both ways. The
client types keys and reads the screen, so "reading over SSH" needs no system services.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import struct
import subprocess
import termios
from collections.abc import AsyncIterator

import asyncssh
import pyte

from reader.load import load_sample
from tests.e2e.terminal import reader_command

TITLE = load_sample().title


class ReaderSession:
    """Server side of one SSH session: `reader` in a pty sized as the client asked."""

    def __init__(self, process: asyncssh.SSHServerProcess[bytes]) -> None:
        self.process = process

    async def run(self) -> None:
        process = self.process
        width, height, _, _ = process.term_size
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        peer = process.get_extra_info("peername")
        env = {
            **{
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("TMUX", "COLUMNS", "LINES"))
            },
            "TERM": process.term_type or "xterm",
            "SSH_CONNECTION": f"{peer[0]} {peer[1]} 127.0.0.1 22",
        }

        def controlling_terminal() -> None:
            # As sshd does: a new session whose controlling terminal is the pty, so the reader
            # gets SIGHUP if the connection drops.
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        child = subprocess.Popen(
            reader_command(),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            preexec_fn=controlling_terminal,
            close_fds=True,
        )
        os.close(slave)
        loop = asyncio.get_running_loop()
        output: asyncio.Queue[bytes] = asyncio.Queue()

        def readable() -> None:
            try:
                data = os.read(master, 65536)
            except OSError:
                data = b""
            output.put_nowait(data)
            if not data:
                loop.remove_reader(master)

        loop.add_reader(master, readable)

        async def to_client() -> None:
            while data := await output.get():
                process.stdout.write(data)

        async def from_client() -> None:
            while data := await process.stdin.read(4096):
                os.write(master, data)
            if child.poll() is None:  # the client went away: hang up, as sshd would
                child.terminate()

        sending = asyncio.create_task(to_client())
        receiving = asyncio.create_task(from_client())
        try:
            while child.poll() is None:
                await asyncio.sleep(0.05)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        code = child.returncode
        await asyncio.wait_for(sending, timeout=5)
        receiving.cancel()
        with contextlib.suppress(OSError):
            loop.remove_reader(master)
        os.close(master)
        process.exit(code)


@contextlib.asynccontextmanager
async def loopback_ssh_server() -> AsyncIterator[tuple[int, asyncssh.SSHKey]]:
    """A loopback SSH server accepting one throwaway client key; yields (port, client key)."""
    host_key = asyncssh.generate_private_key("ssh-ed25519")
    client_key = asyncssh.generate_private_key("ssh-ed25519")
    authorized = asyncssh.import_authorized_keys(client_key.export_public_key().decode())

    async def handle(process: asyncssh.SSHServerProcess[bytes]) -> None:
        await ReaderSession(process).run()

    server = await asyncssh.create_server(
        asyncssh.SSHServer,
        "127.0.0.1",
        0,
        server_host_keys=[host_key],
        authorized_client_keys=authorized,
        process_factory=handle,
        encoding=None,
    )
    port = server.sockets[0].getsockname()[1]
    try:
        yield port, client_key
    finally:
        server.close()
        await server.wait_closed()


async def read_until(
    stdout: asyncssh.SSHReader[bytes], stream: pyte.ByteStream, screen: pyte.Screen, text: str
) -> str:
    """Feed the session's output to the emulator until `text` shows; return the screen."""

    async def wait() -> str:
        while text not in "\n".join(screen.display):
            data = await stdout.read(65536)
            if not data:
                break
            stream.feed(data)
        return "\n".join(screen.display)

    shown = await asyncio.wait_for(wait(), timeout=30)
    assert text in shown, f"{text!r} not on screen:\n{shown}"
    return shown


async def test_reader_over_a_real_ssh_session_with_a_pty() -> None:
    async with loopback_ssh_server() as (port, client_key):
        await asyncio.wait_for(read_over_ssh(port, client_key), timeout=60)


async def read_over_ssh(port: int, client_key: asyncssh.SSHKey) -> None:
    """Open the sample over SSH, go to the end, open the speakers pane, quit."""
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    async with asyncssh.connect(
        "127.0.0.1",
        port,
        username="reader",
        client_keys=[client_key],
        known_hosts=None,
    ) as connection:
        process = await connection.create_process(
            term_type="xterm-256color", term_size=(80, 24), encoding=None
        )
        shown = await read_until(process.stdout, stream, screen, TITLE[:40])
        assert "Traceback" not in shown
        await read_until(process.stdout, stream, screen, " quotes ·")  # extraction arrived
        process.stdin.write(b"G")
        await read_until(process.stdout, stream, screen, "100%")
        assert "again in April." in "\n".join(screen.display)
        process.stdin.write(b"2")
        await read_until(process.stdout, stream, screen, "Speakers")
        process.stdin.write(b"\x1b")  # back to the article (alone: esc+q would read as alt+q)
        await asyncio.sleep(0.5)
        process.stdin.write(b"q")
        result = await asyncio.wait_for(process.wait(), timeout=15)
        assert result.exit_status == 0
