"""Property tests: whatever the bytes, loading either gives a consistent article or a LoadError."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.document import Article
from reader.load import LoadError, load_bytes, load_url

UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def check(article: Article) -> None:
    assert UNSAFE.search(article.text) is None
    position = 0
    for index, paragraph in enumerate(article.paragraphs):
        assert paragraph.position == index
        assert paragraph.text
        assert paragraph.start >= position
        assert article.text[paragraph.start : paragraph.end] == paragraph.text
        position = paragraph.end
    assert len({p.id for p in article.paragraphs}) == len(article.paragraphs)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["", ".txt", ".md", ".html"]))
def test_any_bytes_load_or_fail_cleanly(data: bytes, suffix: str) -> None:
    try:
        article = load_bytes(data, name="x", source="<stdin>", suffix=suffix)
    except LoadError as error:
        assert "\n" not in str(error)
        return
    check(article)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=3000), st.sampled_from(["", ".txt", ".md"]))
def test_any_text_loads_safely(text: str, suffix: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    try:
        article = load_bytes(data, name="x", source="<stdin>", suffix=suffix)
    except LoadError:
        # Only NUL bytes (binary) or lone surrogates (invalid UTF-8) may refuse text.
        assert "\x00" in text or any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)
        return
    check(article)


PAGE = (
    b"<html><head><title>Local news page</title></head><body><nav>Home News Sport</nav>"
    b"<article><h1>Local news page</h1><p>The ferry to the island will run twice a day from "
    b"Monday, the harbour master said, after weeks of complaints from commuters.</p>"
    b"<p>Tickets will cost the same as before, and season passes remain valid until May, "
    b"according to the operator's announcement on its website.</p></article></body></html>"
)


@pytest.fixture
def server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path != "/news.html":
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_opens_the_main_text_of_a_page(server: str) -> None:
    article = load_url(server + "/news.html")
    assert article.title == "Local news page"
    assert article.url == server + "/news.html"
    assert "ferry to the island" in article.text
    assert "Sport" not in article.text


def test_url_not_found_is_a_clear_error(server: str) -> None:
    with pytest.raises(LoadError, match="404"):
        load_url(server + "/missing.html")
