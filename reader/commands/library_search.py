"""`reader search --library QUERY` and `reader export --library DIR`: the library-wide forms."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.commands.library_args import cell, opened_library, print_table
from reader.commands.said import markdown_text as _md
from reader.document import Article
from reader.extract.model import Extraction, Quote, QuoteKind
from reader.library.files import ArticleMeta
from reader.load import LoadError
from reader.serialize import paragraph_number, write

if TYPE_CHECKING:
    from annotations.anchor import Anchoring

SPOKEN = frozenset({QuoteKind.DIRECT, QuoteKind.PARTIAL, QuoteKind.INDIRECT})
"""The quote kinds that are something a person said (not scare quotes or titles)."""


def search(args: argparse.Namespace) -> int:
    """Print the passages and quotes best matching the query across the library."""
    from reader.library.search import LibrarySearch

    if args.target is not None:
        raise LoadError("search --library takes a QUERY, not a FILE")
    with opened_library(args) as library:
        hits = LibrarySearch(library).search(args.query, limit=args.limit)
    if args.format == "json":
        results = [
            {
                "kind": hit.kind,
                "article": hit.article_id,
                "title": hit.title,
                "date": hit.date,
                "paragraph": paragraph_number(hit.paragraph),
                "speaker": hit.speaker,
                "text": hit.text,
                "score": round(-hit.score, 3),
            }
            for hit in hits
        ]
        write({"query": args.query, "results": results}, "json", sys.stdout)
    elif hits:
        rows = [
            (
                hit.article_id,
                str(paragraph_number(hit.paragraph)),
                hit.kind,
                cell(hit.speaker or "", 20),
                cell(hit.title, 24),
                cell(hit.text, 80),
            )
            for hit in hits
        ]
        print_table(("article", "¶", "kind", "speaker", "title", "text"), rows)
    else:
        print("no results", file=sys.stderr)
    return 0 if hits else 1


def export(args: argparse.Namespace) -> int:
    """Write one Markdown file per article into the directory `args.library`."""
    from annotations.store import NotesStore
    from reader.extract import extract

    if args.format != "md":
        raise LoadError("export --library writes Markdown only (--format md)")
    if args.target is not None:
        raise LoadError("export --library takes a DIR, not a FILE")
    out = Path(args.library)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LoadError(f"{out}: cannot create ({error.strerror})") from None
    count = 0
    with opened_library(args) as library:
        for row in library.articles():
            meta = library.files.meta(row.meta.id) or row.meta  # with its byline
            article = library.files.article(meta)
            extraction = extract(article)
            notes = NotesStore.open(article, args.notes_dir).reanchor(article)
            text = article_markdown(meta, article, extraction, notes)
            name = f"{_slug(row.meta.title)}-{row.meta.id[:6]}.md"
            (out / name).write_text(text, encoding="utf-8")
            count += 1
    print(f"exported {count} article{'' if count == 1 else 's'} to {out}", file=sys.stderr)
    return 0


def article_markdown(
    meta: ArticleMeta, article: Article, extraction: Extraction, notes: list[Anchoring]
) -> str:
    """One article as an Obsidian note: front matter, quotes by speaker, notes, source link.

    Article and note text is escaped, so a page's `<script>` or `[link](...)` shows as text.
    """
    from annotations.yaml_io import dump_data

    front: dict[str, object] = {"title": meta.title or "Untitled", "id": meta.id}
    front["source"] = meta.url or meta.source
    front["added"] = meta.added
    if meta.published:
        front["published"] = meta.published
    front["read"] = meta.read
    front["text_sha256"] = meta.text_sha256
    front["tags"] = ["reader"]
    out = ["---\n", dump_data(front), "---\n\n", f"# {_md(meta.title or 'Untitled')}\n\n"]
    link = meta.url or Path(meta.source).as_uri() if meta.url or meta.source.startswith("/") else ""
    out.append(f"Source: <{_url(link)}>\n\n" if link else f"Source: {_md(meta.source)}\n\n")
    by_speaker: dict[str, list[Quote]] = {}
    for quote in extraction.quotes:
        if quote.kind in SPOKEN and quote.speaker:
            by_speaker.setdefault(quote.speaker, []).append(quote)
    if by_speaker:
        out.append("## Quotes\n\n")
        for speaker_id, quotes in by_speaker.items():
            speaker = extraction.speaker(speaker_id)
            out.append(f"### {_md(speaker.name if speaker else speaker_id)}\n\n")
            for quote in quotes:
                out.append(f"> {_md(quote.text)}\n>\n> — ¶{quote.paragraph + 1}, {quote.kind}\n\n")
    if notes:
        out.append("## Notes\n\n")
        for item in notes:
            placement, annotation = item.placement, item.annotation
            passage = (
                article.text[placement.start : placement.end]
                if placement.placed
                else (annotation.selector.exact if annotation.selector else "")
            )
            out.append(f"> {_md(passage)}\n\n")
            if annotation.note:
                out.append("\n".join(_md(line) for line in annotation.note.splitlines()) + "\n\n")
    return "".join(out)


def _url(link: str) -> str:
    return link.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


def _slug(title: str) -> str:
    return re.sub(r"[^\w]+", "-", title.lower()).strip("-")[:60] or "untitled"
