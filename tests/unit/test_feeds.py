"""Feeds against a real HTTP server on 127.0.0.1, started by the test: no other address."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.cli import main
from reader.feeds import FeedList, update_feed
from reader.feeds.update import FeedError
from reader.library.library import Library

PEOPLE = ["Energy Minister Ahmet Kaya", "Dr. Anna Lindqvist", "Mayor Maria Santos"]


def _page(n: int) -> str:
    """An invented article page with navigation and an advert around the text."""
    who = PEOPLE[n % len(PEOPLE)]
    body = "".join(
        f"<p>{who} said on Monday that the dam number {n} would be finished by spring, and "
        f'that work on section {k} was going well. "We will not stop now," the speaker added '
        f"in a statement about section {k} of project {n}.</p>"
        for k in range(6)
    )
    return (
        f"<html><head><title>Dam {n} update</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Dam {n} update</h1>{body}</article>"
        "<div class='ad inline'>Buy our product now</div><footer>Copyright</footer>"
        "</body></html>"
    )


def _rss(items: list[tuple[str, str]], base: str) -> str:
    entries = "".join(
        f"<item><title>Dam {guid}</title><link>{base}{path}</link><guid>{guid}</guid>"
        f"<description>A short summary.</description>"
        f"<pubDate>Mon, 0{1 + len(guid) % 8} Jun 2026 10:00:00 GMT</pubDate></item>"
        for guid, path in items
    )
    head = "<?xml version='1.0'?><rss version='2.0'><channel><title>Dams</title>"
    return f"{head}{entries}</channel></rss>"


def _atom_full(base: str) -> str:
    text = "".join(
        f"&lt;p&gt;Mayor Maria Santos said the harbour plan {k} was ready. &quot;It is a good "
        f"day for the city,&quot; Santos told reporters about part {k} of the plan.&lt;/p&gt;"
        for k in range(8)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<title>Harbour</title><id>urn:harbour</id><updated>2026-06-01T00:00:00Z</updated>"
        f"<entry><title>Harbour plan</title><id>urn:harbour:1</id><link href='{base}/never'/>"
        f"<updated>2026-06-01T00:00:00Z</updated><content type='html'>{text}</content></entry>"
        "</feed>"
    )


class Server:
    """Routes to fixture responses; records the requests it was sent."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers)))
                status, headers, body = server.respond(self.path, dict(self.headers))
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def respond(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        base = self.base
        html = {"Content-Type": "text/html; charset=utf-8"}
        xml = {"Content-Type": "application/rss+xml"}
        if path.startswith("/article/"):
            return 200, html, _page(int(path.rsplit("/", 1)[1])).encode()
        if path == "/summaries.xml":
            items = [("a1", "/article/1"), ("a2", "/article/2"), ("a3", "/article/3")]
            return 200, xml, _rss(items, base).encode()
        if path == "/overlap.xml":  # a2 again under another guid, and a new one
            return 200, xml, _rss([("other-a2", "/article/2"), ("a4", "/article/4")], base).encode()
        if path == "/full.atom":
            return 200, {"Content-Type": "application/atom+xml"}, _atom_full(base).encode()
        if path == "/etag.xml":
            if headers.get("If-None-Match") == '"v1"':
                return 304, {"ETag": '"v1"'}, b""
            return 200, {**xml, "ETag": '"v1"'}, _rss([("e1", "/article/5")], base).encode()
        if path == "/many.xml":
            items = [(f"m{n}", f"/article/{n}") for n in range(100, 140)]
            return 200, xml, _rss(items, base).encode()
        if path == "/error.xml":
            return 500, {}, b"oops"
        if path == "/slow.xml":
            time.sleep(3)
            return 200, xml, _rss([], base).encode()
        if path == "/malformed.xml":
            return 200, xml, b"<rss><channel><title>Broken</ti <<< &&& not xml at all"
        if path == "/big.xml":
            return 200, xml, _rss([("big", "/big.html")], base).encode()
        if path == "/big.html":
            return 200, html, b"<html><body>" + b"<p>filler text</p>" * 20_000 + b"</body></html>"
        return 404, {}, b"not found"


@pytest.fixture
def server() -> Iterator[Server]:
    fixture = Server()
    thread = threading.Thread(target=fixture.httpd.serve_forever, daemon=True)
    thread.start()
    yield fixture
    fixture.httpd.shutdown()
    fixture.httpd.server_close()


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    monkeypatch.setenv("READER_LIBRARY_DIR", str(tmp_path / "library"))
    monkeypatch.setenv("READER_NOTES_DIR", str(tmp_path / "notes"))
    return Library.open()


def _feed(library: Library, url: str):  # type: ignore[no-untyped-def]
    return FeedList(library.root).add(url)


def test_summary_entries_are_fetched_whole_and_extracted(server: Server, library: Library) -> None:
    report = update_feed(library, _feed(library, server.base + "/summaries.xml"))
    assert len(report.added) == 3 and not report.problems
    text = library.article(report.added[0]).text
    assert "would be finished by spring" in text
    assert "Buy our product" not in text and "Home" not in text.split()
    meta = library.meta(report.added[0])
    assert meta.url and meta.url.startswith(server.base + "/article/") and meta.published
    assert library.find_person("Kaya") is not None


def test_full_content_is_used_without_fetching_the_page(server: Server, library: Library) -> None:
    report = update_feed(library, _feed(library, server.base + "/full.atom"))
    assert len(report.added) == 1
    assert "/never" not in [path for path, _ in server.requests]
    assert "harbour plan" in library.article(report.added[0]).text


def test_duplicates_are_dropped_by_guid_url_and_text(server: Server, library: Library) -> None:
    feed = _feed(library, server.base + "/summaries.xml")
    update_feed(library, feed)
    again = update_feed(library, feed)
    assert (again.added, again.duplicates) == ([], 3)  # by guid
    overlap = update_feed(library, _feed(library, server.base + "/overlap.xml"))
    assert len(overlap.added) == 1 and overlap.duplicates == 1  # article 2 by URL
    assert len(library.articles()) == 4


def test_conditional_requests_send_the_etag_and_accept_304(
    server: Server, library: Library
) -> None:
    feed = _feed(library, server.base + "/etag.xml")
    assert len(update_feed(library, feed).added) == 1
    second = update_feed(library, feed)
    assert second.not_modified
    assert server.requests[-1][1].get("If-None-Match") == '"v1"'


@pytest.mark.parametrize(
    ("case", "path", "message"),
    [
        ("server error", "/error.xml", "500"),
        ("slow server", "/slow.xml", "timed out"),
        ("malformed XML", "/malformed.xml", "not a valid feed"),
    ],
)
def test_a_failing_feed_raises_one_line(
    server: Server, library: Library, case: str, path: str, message: str
) -> None:
    with pytest.raises(FeedError) as raised:
        update_feed(library, _feed(library, server.base + path), timeout=0.5)
    assert message in str(raised.value) and "\n" not in str(raised.value), case


def test_a_page_over_the_size_limit_is_reported_and_skipped(
    server: Server, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reader.feeds.update.MAX_PAGE_BYTES", 100_000)
    report = update_feed(library, _feed(library, server.base + "/big.xml"))
    assert report.added == [] and len(report.problems) == 1 and "too large" in report.problems[0]


def test_feed_update_reports_each_failure_in_one_line_and_goes_on(
    server: Server, library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in ("/error.xml", "/malformed.xml", "/summaries.xml"):
        assert main(["feed", "add", server.base + path]) == 0
    capsys.readouterr()
    code = main(["feed", "update", "--all", "--timeout", "2"])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"{server.base}/summaries.xml: 3 new" in out
    failures = [line for line in err.splitlines() if "feed failed" in line]
    assert len(failures) == 2
    assert main(["feed", "list"]) == 0
    listing = capsys.readouterr().out
    assert "500" in listing and "ok" in listing
    assert main(["library", "--format", "json"]) == 0


def test_feed_add_refuses_what_is_not_http(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["feed", "add", "file:///etc/passwd"]) == 2
    assert capsys.readouterr().err.startswith("reader: error: ")


@pytest.mark.slow
def test_sigkill_30_times_during_feed_update_leaves_the_library_consistent(
    server: Server, tmp_path: Path
) -> None:
    import os
    import random
    import signal
    import subprocess
    import sys

    root = tmp_path / "killed"
    env = {**os.environ, "READER_LIBRARY_DIR": str(root)}
    command = [sys.executable, "-m", "reader", "feed"]
    # How long a whole update takes on this machine now, timed on a scratch library: the kills
    # are spread over that span, so they land inside the update's work also when a loaded
    # machine needs seconds to start Python (fixed delays then killed every run before it saved).
    scratch = {**os.environ, "READER_LIBRARY_DIR": str(tmp_path / "timed")}
    subprocess.run([*command, "add", server.base + "/many.xml"], env=scratch, check=True)
    started = time.monotonic()
    subprocess.run([*command, "update", "--all"], env=scratch, check=True, capture_output=True)
    whole = time.monotonic() - started
    subprocess.run([*command, "add", server.base + "/many.xml"], env=env, check=True)
    rng = random.Random(16)
    for _ in range(30):
        process = subprocess.Popen(
            [*command, "update", "--all"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(whole * rng.uniform(0.1, 1.1))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    library = Library.open(str(root))
    on_disk = {i for i in library.files.ids() if library.files.meta(i) is not None}
    indexed = {row[0] for row in library.db.execute("SELECT id FROM articles")}
    assert on_disk == indexed and on_disk
    urls = [row.meta.url for row in library.articles()]
    assert len(urls) == len(set(urls))  # no entry added twice
    assert FeedList(root).load()  # the feed list is still readable
