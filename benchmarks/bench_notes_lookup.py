"""Finding an article's notes after it was edited, never another article's, and how fast.

Run: `.venv/bin/python benchmarks/bench_notes_lookup.py [--articles 500] [--scenarios 1000]
[--files 10000] [--rounds 7] [--seed 1] [--skip-timing]`

Articles are generated (made-up words with a Zipf-like frequency around common English
function words, so phrases recur as in real text), written as text files hard-wrapped at
60-80 columns and loaded as the reader loads them. Among them are pairs with the same title
and different stories, and wire stories ending (or opening) with shared boilerplate
paragraphs. Each article gets 1-5 notes made through `NotesStore`, some on boilerplate.

1. **Edits** (`--scenarios`): an article is edited by 1-15 % of its characters: one edit
   inside every noted passage (a dropped word, a changed word or a typo), then typo fixes,
   changed words, inserted and deleted paragraphs, an appended correction, changed hard
   wraps and, in a fifth of the cases, a new headline; it is saved over the old file (a
   third are saved elsewhere, as a second download would be). The lookup must attach the
   article's own notes file; an offer of it is counted apart, anything else is a failure.
2. **Other articles** (`--articles` more): for every noted article, an article without notes
   that shares its title (a different story) or its boilerplate, opened from its own path or,
   for a fifth, from the noted article's path (the file was overwritten). Nothing may be
   attached; offers are counted.

Both run twice: with the index this machine built while the notes were made ("history":
last-opened paths and text sketches), and with the index deleted and rebuilt from the notes
files alone (as on a second machine after `reader sync`).

3. **Timing** (`--files`): `reader notes ARTICLE` as a whole process with `--files` notes
   files in the directory against 10, interleaved in `--rounds` rounds, for an edited
   article (found by resemblance), an unchanged one (found by hash) and one without notes;
   the median ratio and its spread. The target of issue 18 is <= 1.2x.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotations.location import file_name
from annotations.model import Annotation, Document, NotesFile, document_id, selector_for
from annotations.notes_index import index_path
from annotations.store import NotesStore
from annotations.yaml_io import dump_bytes
from reader.document import Article
from reader.load.source import load_path

FUNCTION_WORDS = (  # noqa: SIM905 (a list of sixty words reads best as one string)
    "the of and to a in that is was he for it with as his on be at by had are but from or "
    "have an they which one you were all we her she there would their will when who him been "
    "has more if no out so said what up its about than into them can only other new some"
).split()
SYLLABLES = [consonant + vowel for consonant in "bdklmnrstvz" for vowel in "aeiou"]


class Words:
    """A made-up vocabulary with a Zipf-like frequency, mixed with English function words."""

    def __init__(self, rng: random.Random, size: int = 6000) -> None:
        seen: set[str] = set()
        vocabulary: list[str] = []
        while len(vocabulary) < size:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))
            if word not in seen:
                seen.add(word)
                vocabulary.append(word)
        self.vocabulary = vocabulary
        self.weights = list(itertools.accumulate(1.0 / (rank + 10) for rank in range(size)))
        """Cumulative weights (so that drawing a word is a bisection, not a sum)."""
        self.rng = rng

    def word(self) -> str:
        """One word: a function word two times in five, else a content word."""
        if self.rng.random() < 0.4:
            return self.rng.choice(FUNCTION_WORDS)
        return self.rng.choices(self.vocabulary, cum_weights=self.weights)[0]

    def sentence(self) -> str:
        """A sentence of 6-24 words."""
        words = [self.word() for _ in range(self.rng.randint(6, 24))]
        words[0] = words[0].capitalize()
        if self.rng.random() < 0.3:
            words[self.rng.randrange(len(words))] += ","
        return " ".join(words) + "."

    def paragraph(self) -> str:
        """A paragraph of 2-5 sentences."""
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def title(self) -> str:
        """A headline of 4-9 words."""
        words = [self.word() for _ in range(self.rng.randint(4, 9))]
        return " ".join(words).capitalize()


@dataclass
class Story:
    """A generated article: title and paragraphs (unwrapped), and where it is written."""

    title: str
    paragraphs: list[str]
    path: Path
    width: int = 72
    boilerplate: set[int] = field(default_factory=set)
    """Indexes of the paragraphs that are shared wire boilerplate."""

    def text(self) -> str:
        """The file's text: headline, blank line, paragraphs hard-wrapped at `width`."""
        body = "\n\n".join(textwrap.fill(p, self.width) for p in self.paragraphs)
        return f"{self.title}\n\n{body}\n"

    def write(self, path: Path | None = None) -> Article:
        """Write the story (to `path`, default its own) and load it as the reader does."""
        target = path or self.path
        target.write_text(self.text(), encoding="utf-8")
        return load_path(target)


@dataclass(frozen=True)
class Noted:
    """A noted passage: paragraph index and word span [first, last) in that paragraph."""

    paragraph: int
    first: int
    last: int


def make_corpus(
    rng: random.Random, words: Words, count: int, folder: Path
) -> tuple[list[Story], list[Story]]:
    """`count` noted stories and, for each, a sibling without notes (same title or boilerplate)."""
    boiler = [words.paragraph() for _ in range(6)]
    stories: list[Story] = []
    for i in range(count):
        paragraphs = [words.paragraph() for _ in range(rng.randint(6, 16))]
        story = Story(words.title(), paragraphs, folder / f"story{i}.txt", rng.randint(60, 80))
        if rng.random() < 0.4:  # a wire story: boilerplate at the end, sometimes the start
            for text in rng.sample(boiler, rng.randint(1, 3)):
                story.boilerplate.add(len(story.paragraphs))
                story.paragraphs.append(text)
            if rng.random() < 0.3:
                story.paragraphs.insert(0, boiler[0])
                story.boilerplate = {0} | {b + 1 for b in story.boilerplate}
        stories.append(story)
    for i in range(0, count // 5 * 2, 2):  # a fifth of them in pairs with one title
        stories[i + 1].title = stories[i].title
    siblings: list[Story] = []
    for i, story in enumerate(stories):
        paragraphs = [words.paragraph() for _ in range(rng.randint(6, 16))]
        sibling = Story(words.title(), paragraphs, folder / f"other{i}.txt", rng.randint(60, 80))
        if i % 2 == 0 or not story.boilerplate:
            sibling.title = story.title
        if story.boilerplate:
            for b in sorted(story.boilerplate):
                sibling.boilerplate.add(len(sibling.paragraphs))
                sibling.paragraphs.append(story.paragraphs[b])
        if rng.random() < 0.2:
            sibling.path = story.path  # the noted article's file was overwritten by this one
        siblings.append(sibling)
    return stories, siblings


def add_notes(rng: random.Random, story: Story, notes_dir: Path) -> tuple[Path, list[Noted]]:
    """Make 1-5 notes on `story` through the store; return its notes file and the passages."""
    article = story.write()
    store = NotesStore.open(article, notes_dir, author="bench")
    noted: list[Noted] = []
    for _ in range(rng.randint(1, 5)):
        pool = list(story.boilerplate) if story.boilerplate and rng.random() < 0.3 else None
        index = rng.choice(pool) if pool else rng.randrange(len(story.paragraphs))
        words = story.paragraphs[index].split()
        length = rng.randint(4, min(25, len(words)))
        first = rng.randrange(len(words) - length + 1)
        passage = " ".join(words[first : first + length])
        start = article.text.find(passage, article.paragraphs[index].start)
        if start < 0 or any(n.paragraph == index for n in noted):
            continue
        store.add(article.text, start, start + len(passage), note="bench")
        noted.append(Noted(index, first, first + length))
    if not noted:
        return add_notes(rng, story, notes_dir)
    return store.path, noted


def edit(rng: random.Random, words: Words, story: Story, noted: list[Noted]) -> Story:
    """An edited copy of `story` (see the module docstring): 1-15 % of its characters."""
    paragraphs = [p.split() for p in story.paragraphs]
    total = sum(len(p) for p in story.paragraphs)
    budget = total * rng.uniform(0.01, 0.15)
    spent = 0.0
    noted_paragraph = [any(n.paragraph == i for n in noted) for i in range(len(paragraphs))]
    for n in noted:  # one edit inside every noted passage
        passage = paragraphs[n.paragraph]
        at = rng.randrange(n.first, n.last)
        kind = rng.random()
        if kind < 0.35 and n.last - n.first >= 5:
            spent += len(passage.pop(at)) + 1
        elif kind < 0.7:
            spent += len(passage[at])
            passage[at] = words.word()
        else:
            word = passage[at]
            i = rng.randrange(len(word))
            passage[at] = word[:i] + rng.choice("aeioustr") + word[i + 1 :]
            spent += 1
    title = story.title
    if rng.random() < 0.2:
        title = words.title()
        spent += len(title)
    width = story.width
    if rng.random() < 0.5:
        width = rng.randint(50, 100)
    while spent < budget:
        kind = rng.random()
        if kind < 0.45:  # a typo fix or a changed word
            words_of = rng.choice(paragraphs)
            at = rng.randrange(len(words_of))
            spent += len(words_of[at])
            words_of[at] = words.word()
        elif kind < 0.65:  # an inserted paragraph
            new = words.paragraph()
            at = rng.randrange(len(paragraphs) + 1)
            paragraphs.insert(at, new.split())
            noted_paragraph.insert(at, False)
            spent += len(new)
        elif kind < 0.8 and noted_paragraph.count(False) > 2:  # a deleted paragraph
            at = rng.choice([i for i, is_noted in enumerate(noted_paragraph) if not is_noted])
            spent += len(" ".join(paragraphs[at]))
            del paragraphs[at]
            del noted_paragraph[at]
        elif kind < 0.9:  # an appended correction
            new = "Correction: " + words.sentence()
            paragraphs.append(new.split())
            noted_paragraph.append(False)
            spent += len(new)
        else:  # a rewritten sentence
            words_of = rng.choice(paragraphs)
            at = rng.randrange(len(words_of))
            sentence = words.sentence().split()
            words_of[at : at + len(sentence)] = sentence
            spent += len(" ".join(sentence))
    return Story(title, [" ".join(p) for p in paragraphs if p], story.path, width)


@dataclass
class Tally:
    """Outcomes of lookups."""

    attached_right: int = 0
    offered_right: int = 0
    attached_wrong: int = 0
    offered_wrong: int = 0
    missed: int = 0
    seconds: list[float] = field(default_factory=list)

    def line(self, total: int) -> str:
        """One line of figures."""
        ms = sorted(self.seconds)
        median = statistics.median(ms) * 1000 if ms else 0.0
        worst = ms[-1] * 1000 if ms else 0.0
        return (
            f"attached right {self.attached_right}/{total} "
            f"({100 * self.attached_right / max(total, 1):.1f} %), offered right "
            f"{self.offered_right}, attached wrong {self.attached_wrong}, offered wrong "
            f"{self.offered_wrong}, missed {self.missed}; lookup median {median:.0f} ms, "
            f"worst {worst:.0f} ms"
        )


def look_up(article: Article, notes_dir: Path, right: Path | None, tally: Tally) -> None:
    """Open the store as the reader does and count what it found."""
    began = time.perf_counter()
    store = NotesStore.open(article, notes_dir)
    tally.seconds.append(time.perf_counter() - began)
    found = store.path if store.exists else None
    offer = store.offer.path if store.offer else None
    if found is not None:
        if found == right:
            tally.attached_right += 1
        else:
            tally.attached_wrong += 1
            print(f"  WRONG: {article.source} -> {found.name} ({store.found_by})", file=sys.stderr)
    elif offer is not None:
        if offer == right:
            tally.offered_right += 1
        else:
            tally.offered_wrong += 1
    if right is not None and found != right and offer != right:
        tally.missed += 1
        print(f"  MISSED: {article.source} (right: {right.name})", file=sys.stderr)


def accuracy(args: argparse.Namespace, work: Path) -> None:
    """Parts 1 and 2 of the module docstring."""
    rng = random.Random(args.seed)
    words = Words(rng)
    folder = work / "articles"
    folder.mkdir()
    notes_dir = work / "notes"
    stories, siblings = make_corpus(rng, words, args.articles, folder)
    began = time.perf_counter()
    noted = [add_notes(rng, story, notes_dir) for story in stories]
    print(
        f"{len(stories)} noted articles ({sum(len(n) for _, n in noted)} notes, "
        f"{sum(1 for s in stories if s.boilerplate)} wire stories with boilerplate, "
        f"{sum(1 for s in siblings if any(s.title == t.title for t in stories))} "
        f"other articles sharing a title) made in {time.perf_counter() - began:.0f} s"
    )
    scenarios = []
    for n in range(args.scenarios):
        i = n % len(stories)
        edited = edit(rng, words, stories[i], noted[i][1])
        elsewhere = rng.random() < 1 / 3
        target = folder / f"copy{n}.txt" if elsewhere else stories[i].path
        scenarios.append((i, edited, target, noted[i][0]))
    # Every lookup teaches the index (a text hash, a path, a sketch): start each half of the
    # scenarios (one per article) and the other articles from the same index.
    history = index_path(notes_dir).read_bytes()
    half = len(scenarios) // 2
    for mode in ("history", "files only"):

        def reset(mode: str = mode) -> None:
            if mode == "files only":
                index_path(notes_dir).unlink(missing_ok=True)
            else:
                index_path(notes_dir).write_bytes(history)

        tally = Tally()
        for n, (i, edited, target, right) in enumerate(scenarios):
            if n in (0, half):
                reset()
            look_up(edited.write(target), notes_dir, right, tally)
            if target == stories[i].path:
                stories[i].write()  # put the original back
        print(f"edits, {mode}: {tally.line(len(scenarios))}")
        reset()
        tally = Tally()
        for sibling in siblings:
            look_up(sibling.write(), notes_dir, None, tally)
        for story in stories:
            story.write()
        print(f"other articles, {mode}: {tally.line(len(siblings))}")


def timing(args: argparse.Namespace, work: Path) -> None:
    """Part 3 of the module docstring."""
    rng = random.Random(args.seed + 1)
    words = Words(rng)
    big, small = work / "big", work / "small"
    big.mkdir()
    small.mkdir()
    now = "2026-01-01T00:00:00.000Z"
    for i in range(args.files):
        story = Story(words.title(), [words.paragraph() for _ in range(8)], work / "x.txt")
        text = "\n\n".join(story.paragraphs)
        sha = f"{i:064x}"
        document = Document(id=document_id(None, sha), title=story.title, text_sha256=sha)
        start = rng.randrange(len(text) - 80)
        annotation = Annotation(
            id=f"01J0000000000000000{i:07d}"[-26:],
            created=now,
            updated=now,
            author="bench",
            selector=selector_for(text, start, start + 60),
            note="bench",
        )
        data = dump_bytes(NotesFile(document=document, annotations=(annotation,)))
        (big / file_name(document)).write_bytes(data)
        if i < 9:
            (small / file_name(document)).write_bytes(data)
    story = Story(words.title(), [words.paragraph() for _ in range(10)], work / "a.txt")
    env = {**os.environ, "XDG_STATE_HOME": str(work / "state")}
    reader = [sys.executable, "-m", "reader"]
    cases = {}
    for directory in (big, small):
        article = story.write()
        store = NotesStore.open(article, directory, author="bench")
        passage = story.paragraphs[2].split()[:8]
        at = article.text.index(" ".join(passage))
        store.add(article.text, at, at + len(" ".join(passage)), note="bench")
    # Each run finds the edited article by resemblance and then remembers its hash, so the
    # next run of the same text would be a hash lookup: every run gets its own edited copy.
    edited: dict[Path, list[Path]] = {big: [], small: []}
    for round_ in range(args.rounds + 1):
        for directory in (big, small):
            copy = Story(story.title, list(story.paragraphs), work / f"edited-{round_}-"
                         f"{directory.name}.txt")  # fmt: skip
            words_of = copy.paragraphs[2].split()
            words_of[3] = words.word()  # a word changed inside the noted passage
            copy.paragraphs[2] = " ".join(words_of)
            copy.paragraphs[5] = words.paragraph()  # and a paragraph rewritten
            copy.write()
            edited[directory].append(copy.path)
    other = Story(words.title(), [words.paragraph() for _ in range(10)], work / "other.txt")
    other.write()
    cases = {
        "edited (found by resemblance)": edited,
        "unchanged (found by hash)": {big: [story.path] * (args.rounds + 1), small: []},
        "without notes": {big: [other.path] * (args.rounds + 1), small: []},
    }
    print(f"timing: `reader notes ARTICLE`, {args.files} vs 10 notes files, {args.rounds} rounds")
    for label, paths in cases.items():
        if not paths[small]:
            paths[small] = paths[big]
        times: dict[Path, list[float]] = {big: [], small: []}
        for round_ in range(args.rounds + 1):
            for directory in (big, small) if round_ % 2 else (small, big):
                began = time.perf_counter()
                result = subprocess.run(
                    [
                        *reader,
                        "notes",
                        str(paths[directory][round_]),
                        "--notes-dir",
                        str(directory),
                    ],
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                if round_:  # the first round warms the caches and builds the indexes
                    times[directory].append(time.perf_counter() - began)
                if label.startswith("edited") and "1 note in" not in result.stdout:
                    print(f"  (not found: {paths[directory][round_]})", file=sys.stderr)
        ratios = [b / s for b, s in zip(times[big], times[small], strict=True)]
        print(
            f"  {label}: {args.files} files {statistics.median(times[big]) * 1000:.0f} ms, "
            f"10 files {statistics.median(times[small]) * 1000:.0f} ms; ratio median "
            f"{statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f})"
        )


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--scenarios", type=int, default=1000)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-timing", action="store_true")
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument(
        "--keep", metavar="DIR", help="work in DIR (new) and keep it, to time by other means"
    )
    args = parser.parse_args()
    if args.keep:
        work = Path(args.keep)
        work.mkdir(parents=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="bench-notes-lookup-"))
    os.environ["XDG_STATE_HOME"] = str(work / "state")
    try:
        if not args.skip_accuracy:
            accuracy(args, work)
        if not args.skip_timing:
            timing(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
