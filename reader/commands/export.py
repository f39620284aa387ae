"""`reader export FILE --format md|json`: an article's quotes, speakers and notes.

Markdown is meant for Obsidian-style vaults: YAML front matter (title, source, url, text
hash, tags), the speakers, the quotes grouped by speaker, then the notes in article order with
their passage as a block quote and their tags as `#tags`; orphaned notes (passage no longer
in the text) come last, with the passage they were made on. The output has no time stamp, so
exporting twice gives the same file. Text is escaped (`markdown_text`): HTML, links, images
or headings written in a note or an article show as text; the one link is the article's URL.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

from annotations.anchor import Anchoring, AnchorStatus
from annotations.yaml_io import dump_data
from reader.commands import markdown_text as md
from reader.commands.common import add_format, add_target, open_target
from reader.commands.notes import add_notes_dir, note_dict, open_store, warn, write_literal
from reader.document import Article
from reader.extract import Extraction, extract
from reader.load.clean import clean
from reader.serialize import quote_dict, speaker_dict

NAME = "export"
SUMMARY = "export an article's quotes, speakers and notes as Markdown (Obsidian) or JSON"


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of `reader export`."""
    add_target(parser)
    add_format(parser, ("md", "json"), "md")
    add_notes_dir(parser)
    parser.add_argument(
        "--library",
        metavar="DIR",
        help="export every article in the library, one file each, to DIR",
    )
    parser.add_argument("--library-dir", metavar="DIR", help="the library (with --library)")


def run(args: argparse.Namespace) -> int:
    """Write the export to standard output and return the exit code."""
    if args.library:
        from reader.commands.library_search import export

        return export(args)
    article = open_target(args)
    extraction = extract(article)
    store = open_store(article, args)
    if store.read_only:
        warn(store.read_only)
    notes = store.reanchor(article)
    if args.format == "json":
        write_literal(export_dict(article, extraction, notes), "json")
    else:
        sys.stdout.write(markdown(article, extraction, notes))
    return 0


def export_dict(article: Article, extraction: Extraction, notes: list[Anchoring]) -> dict[str, Any]:
    """The export as plain data: article identity, quotes, speakers, notes."""
    return {
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "text_sha256": article.text_sha256,
        "quotes": [quote_dict(q, extraction, article) for q in extraction.quotes],
        "speakers": [speaker_dict(s) for s in extraction.speakers],
        "notes": [note_dict(item, article) for item in notes],
    }


def _tag(tag: str) -> str:
    # Obsidian tags cannot hold spaces or most punctuation; keep letters, digits, - _ /.
    return "#" + (re.sub(r"[^\w/-]+", "-", clean(tag)).strip("-") or "tag")


def markdown(article: Article, extraction: Extraction, notes: list[Anchoring]) -> str:
    """The export as Markdown with YAML front matter.

    Every text from the article or the notes goes through `markdown_text`, so it shows as
    written and never as markup; the only link is the article's own URL.
    """
    tags = sorted({t for item in notes for t in item.annotation.tags})
    title = " ".join(clean(article.title).split()) or "Untitled"
    front: dict[str, Any] = {"title": title, "source": clean(article.source)}
    if article.url:
        front["url"] = clean(article.url)
    front["text_sha256"] = article.text_sha256
    front["tags"] = ["reader", *[_tag(t)[1:] for t in tags]]
    out = ["---\n", dump_data(front), "---\n\n", f"# {md.one_line(title)}\n\n"]
    source = md.link(article.url) if article.url else md.one_line(article.source)
    out.append(f"Source: {source}\n\n")
    if extraction.speakers:
        out.append("## Speakers\n\n")
        for speaker in extraction.speakers:
            kind = "organisation" if speaker.organisation else "person"
            count = speaker.quote_count
            name = md.one_line(speaker.name)
            line = f"- **{name}** ({kind}), {count} quote{'' if count == 1 else 's'}"
            if speaker.aliases:
                line += "; also: " + ", ".join(md.one_line(a) for a in speaker.aliases)
            out.append(line + "\n")
        out.append("\n")
    if extraction.quotes:
        out.append("## Quotes\n\n")
        for quote in extraction.quotes:
            said_by = extraction.speaker(quote.speaker)
            who = md.one_line(said_by.name) if said_by else "unattributed"
            out.append(md.blockquote(quote.text) + "\n")
            out.append(f"> — {who} (¶{quote.paragraph + 1}, {quote.kind.value})\n\n")
    placed = [n for n in notes if n.placement.status is not AnchorStatus.ORPHAN]
    orphans = [n for n in notes if n.placement.status is AnchorStatus.ORPHAN]
    if placed:
        out.append("## Notes\n\n")
        for item in placed:
            out.append(_note(item, article))
    if orphans:
        out.append("## Orphaned notes\n\nTheir passage is no longer in the article.\n\n")
        for item in orphans:
            out.append(_note(item, article))
    return "".join(out)


def _note(item: Anchoring, article: Article) -> str:
    annotation, placement = item.annotation, item.placement
    selector = annotation.selector
    passage = (
        article.text[placement.start : placement.end]
        if placement.placed
        else (selector.exact if selector else "")
    )
    lines = [md.blockquote(passage)]
    paragraph = article.paragraph_at(placement.start) if placement.placed else None
    meta = [f"¶{paragraph.position + 1}" if paragraph else "orphan", annotation.color]
    meta.append(f"{annotation.author}, {annotation.updated[:10]}")
    lines.append(f"> — {md.one_line('; '.join(meta))}")
    text = "\n".join(lines) + "\n\n"
    if annotation.note.strip():
        text += md.text(annotation.note.strip("\n")) + "\n\n"
    if annotation.tags:
        text += " ".join(_tag(t) for t in annotation.tags) + "\n\n"
    return text
