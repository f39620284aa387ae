"""A list of entries drawn through Textual's Line API: only the rows on screen are ever made.

Textual's `OptionList` measures the height of every option it holds after each batch it is
given and again on every resize: on a 3 MB book the Quotes pane held ~20,000 options, and
opening the search bar (which resizes the panes) cost 40 ms of it. `EntryList` instead takes its
entries from an `EntrySource` that makes them on demand, and finds their heights lazily: rows
are counted from the top only as far as the screen or the cursor needs (`_tops`), and the rest
of the list is given the average height seen so far. Showing a list, appending to it and
resizing are O(1); scrolling costs the entries it passes, once per width. Drawn entries are
kept in a small cache, so moving the cursor redraws two entries.

Entries are `Option`s (a prompt, an id, disabled or not), drawn as the option list draws them:
the prompt (a `rich.text.Text`, shown literally) is wrapped here, by the rule Textual wraps
`Content` with (`wrap_offsets`), so heights are known from plain strings; each row is then
styled by Textual's own `Content`, with the `entry-list--entry` and `-highlighted` /
`-disabled` component classes. A list whose CSS says `text-wrap: nowrap` keeps
each entry to one row and lets Textual end it with `text-overflow`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import ClassVar, Protocol

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual
from textual.widgets.option_list import Option

_WORD = re.compile(r"\s*\S+\s*")
"""A word with the spaces before and after it: the unit that wraps."""


def _cells(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def wrap_offsets(line: str, width: int) -> list[int]:
    """Where `line` (no newlines) breaks into rows of at most `width` cells: the row starts.

    The rule Textual's `Content` wraps by (Rich's), so a row drawn here breaks where an option
    list's did: a word goes on the row if it fits without its trailing spaces, else it starts
    the next row; a word wider than a whole row is cut into row-wide pieces. The first row
    always starts at 0.
    """
    starts = [0]
    if width <= 0:
        return starts
    used = 0
    for match in _WORD.finditer(line):
        start = match.start()
        word = match.group()
        length = _cells(word.rstrip())
        if width - used >= length:
            used += _cells(word)
        elif length > width:  # folded: row-wide pieces, the last one continues its row
            pieces = _chop(word, width)
            for number, piece in enumerate(pieces, 1):
                if start:
                    starts.append(start)
                if number == len(pieces):
                    used = _cells(piece)
                else:
                    start += len(piece)
        elif used and start:
            starts.append(start)
            used = _cells(word)
    return starts


def _chop(word: str, width: int) -> list[str]:
    """`word` cut into pieces of at most `width` cells (a wide character is never split)."""
    pieces: list[str] = []
    piece_start = used = 0
    for index, char in enumerate(word):
        char_cells = _cells(char)
        if used + char_cells > width and index > piece_start:
            pieces.append(word[piece_start:index])
            piece_start, used = index, 0
        used += char_cells
    pieces.append(word[piece_start:])
    return pieces


def entry_rows(plain: str, width: int, *, wrap: bool) -> int:
    """How many rows an entry whose text is `plain` takes at `width` (see `wrap_offsets`)."""
    lines = plain.split("\n")
    if not wrap:
        return len(lines)
    rows = 0
    for line in lines:
        if _cells(line) <= width:
            rows += 1
        else:
            rows += len(wrap_offsets(line, width))
    return rows


class EntrySource(Protocol):
    """Where an `EntryList` gets its entries: a count, and each entry made when asked for."""

    def __len__(self) -> int:
        """How many entries there are."""
        ...

    def option(self, index: int) -> Option:
        """Entry `index` (0-based) as an `Option` whose prompt is a `rich.text.Text` or str."""
        ...

    def plain(self, index: int) -> str:
        """Entry `index`'s text as shown, unstyled (measured for its height)."""
        ...


class OptionSource:
    """An `EntrySource` over a list of ready-made options (short lists: notes, speakers)."""

    def __init__(self, options: Iterable[Option] = ()) -> None:
        self.options: list[Option] = list(options)
        """The entries, in order."""

    def __len__(self) -> int:
        return len(self.options)

    def option(self, index: int) -> Option:
        """Entry `index`."""
        return self.options[index]

    def plain(self, index: int) -> str:
        """Entry `index`'s prompt as plain text."""
        return _prompt_text(self.options[index]).plain


def _prompt_text(option: Option) -> Text:
    """An option's prompt as a `rich.text.Text` (a str is taken literally, never as markup)."""
    prompt = option.prompt
    if isinstance(prompt, Text):
        return prompt
    return Text(str(prompt))


class EntryList(ScrollView, can_focus=True):
    """A focusable list with a cursor, over entries made only when they are drawn or measured."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
        Binding("home", "first", "First", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("up", "cursor_up", "Up", show=False),
    ]

    # The option list's look, so the panes look the same as when they were option lists.
    DEFAULT_CSS = """
    EntryList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        background: $surface;
        & > .entry-list--entry-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .entry-list--entry-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .entry-list--entry-disabled {
            color: $text-disabled;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "entry-list--entry",
        "entry-list--entry-disabled",
        "entry-list--entry-highlighted",
    }

    highlighted: reactive[int | None] = reactive(None)
    """Index of the entry under the cursor, or None (an empty list, or none chosen yet)."""

    class OptionSelected(Message):
        """The user picked an entry (enter, or a click)."""

        def __init__(self, entry_list: EntryList, option: Option, index: int) -> None:
            super().__init__()
            self.entry_list = entry_list
            """The list it came from."""
            self.option = option
            """The entry picked."""
            self.option_index = index
            """Its index in the list."""

        @property
        def control(self) -> EntryList:
            """The list it came from."""
            return self.entry_list

    STRIP_CACHE = 256
    """Entries kept drawn (a few screens' worth; the cursor moves redraw two entries)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._source: EntrySource = OptionSource()
        self._tops: list[int] = [0]
        """`_tops[i]`: rows above entry `i`, for the entries measured so far (and one past)."""
        self._measured_width = -1
        self._strips: dict[tuple[int, object], list[Strip]] = {}

    # ----------------------------------------------------------------- entries

    @property
    def source(self) -> EntrySource:
        """Where the entries come from."""
        return self._source

    def set_source(self, source: EntrySource) -> None:
        """Show the entries of `source` (no entry is made or measured until it is on screen)."""
        self._source = source
        self._forget()
        self.highlighted = None
        self._update_virtual_size()

    def clear_options(self) -> None:
        """Empty the list."""
        self.set_source(OptionSource())

    def add_options(self, options: Iterable[Option]) -> None:
        """Append `options` (turns a lazy source into a plain list first)."""
        source = self._source
        if not isinstance(source, OptionSource):
            source = OptionSource(source.option(i) for i in range(len(source)))
            self._source = source
        source.options.extend(options)
        self._update_virtual_size()
        self.refresh()

    def add_option(self, option: Option) -> None:
        """Append one option."""
        self.add_options((option,))

    @property
    def option_count(self) -> int:
        """How many entries the list has."""
        return len(self._source)

    @property
    def options(self) -> Sequence[Option]:
        """The entries (made now: for tests and short lists)."""
        return [self._source.option(i) for i in range(len(self._source))]

    def get_option_at_index(self, index: int) -> Option:
        """Entry `index`."""
        if not 0 <= index < len(self._source):
            raise IndexError(index)
        return self._source.option(index)

    def get_option_index(self, option_id: str) -> int:
        """Index of the entry with id `option_id`; KeyError if none has it (a linear search)."""
        source = self._source
        for index in range(len(source)):
            if source.option(index).id == option_id:
                return index
        raise KeyError(option_id)

    # ----------------------------------------------------------------- geometry

    def _width(self) -> int:
        return self.scrollable_content_region.width

    def _forget(self) -> None:
        """Drop measured heights and drawn entries (new entries, a new width or style)."""
        self._tops = [0]
        self._strips.clear()

    def _wraps(self) -> bool:
        return self.styles.text_wrap != "nowrap"

    def _measure_to(self, index: int) -> None:
        """Measure entries up to `index` (clamped to the list)."""
        width = self._width()
        if width != self._measured_width:
            self._forget()
            self._measured_width = width
        tops = self._tops
        last = min(index, len(self._source) - 1)
        if len(tops) > last + 1:
            return
        source, wrap = self._source, self._wraps()
        row = tops[-1]
        for i in range(len(tops) - 1, last + 1):
            row += entry_rows(source.plain(i), width, wrap=wrap)
            tops.append(row)

    def _measure_rows(self, row: int) -> None:
        """Measure entries until row `row` is covered, or all are measured."""
        step = max(16, self.scrollable_content_region.height)
        while self._tops[-1] <= row and len(self._tops) <= len(self._source):
            self._measure_to(len(self._tops) - 1 + step)

    def _entry_at(self, row: int) -> tuple[int, int] | None:
        """(entry, its row) shown at list row `row`, or None past the end."""
        self._measure_rows(row)
        tops = self._tops
        if row >= tops[-1]:
            return None
        index = bisect_right(tops, row) - 1
        return index, row - tops[index]

    def _update_virtual_size(self) -> None:
        """The list's height: rows measured, plus the average height for the rest."""
        count = len(self._source)
        measured = len(self._tops) - 1
        rows = self._tops[-1]
        if measured < count:
            average = rows / measured if measured else 1.0
            rows += round((count - measured) * average)
        size = Size(self._width(), rows)
        if size != self.virtual_size:
            self.virtual_size = size

    def on_resize(self, event: events.Resize) -> None:
        """A new width wraps the entries anew, lazily; a new height changes nothing here."""
        if self._width() != self._measured_width:
            self._forget()
            self._measured_width = self._width()
        self._update_virtual_size()

    def notify_style_update(self) -> None:
        """The theme or focus changed: draw the entries again."""
        self._strips.clear()
        super().notify_style_update()

    # ----------------------------------------------------------------- drawing

    def render_line(self, y: int) -> Strip:
        """Row `y` of the visible part (Textual's Line API)."""
        width = self._width()
        measured = len(self._tops)
        found = self._entry_at(self.scroll_offset.y + y)
        if len(self._tops) != measured:  # the estimate of the rest got better
            self.call_later(self._update_virtual_size)
        if found is None:
            return Strip.blank(width, self.get_visual_style("entry-list--entry").rich_style)
        index, row = found
        strips = self._entry_strips(index)
        if row < len(strips):
            return strips[row]
        return Strip.blank(width, self.get_visual_style("entry-list--entry").rich_style)

    def _entry_strips(self, index: int) -> list[Strip]:
        """Entry `index` drawn at the current width in its state's style (cached)."""
        option = self._source.option(index)
        if option.disabled:
            style = self.get_visual_style("entry-list--entry", "entry-list--entry-disabled")
        elif index == self.highlighted:
            style = self.get_visual_style("entry-list--entry", "entry-list--entry-highlighted")
        else:
            style = self.get_visual_style("entry-list--entry")
        key = (index, style)
        strips = self._strips.get(key)
        if strips is None:
            if len(self._strips) >= self.STRIP_CACHE:
                self._strips.clear()
            strips = self._draw(option, index, style)
            self._strips[key] = strips
        return strips

    def _draw(self, option: Option, index: int, style: VisualStyle) -> list[Strip]:
        """The rows of `option`: wrapped here, styled by Textual's `Content`."""
        width = self._width()
        console = self.app.console
        prompt = _prompt_text(option)
        wrap = self._wraps()
        rows: list[Text] = []
        for line in prompt.split("\n"):
            if not wrap:
                rows.append(line)
                continue
            starts = wrap_offsets(line.plain, width)
            pieces = line.divide(starts[1:]) if len(starts) > 1 else [line]
            for piece in pieces:
                piece.rstrip()
                rows.append(piece)
        rich_style = style.rich_style
        meta = {"entry": index}
        strips = []
        for row in rows:
            content = Content.from_rich_text(row, console=console)
            drawn = Visual.to_strips(self, content, width, 1, style)
            strip = drawn[0] if drawn else Strip.blank(width, rich_style)
            strips.append(strip.extend_cell_length(width, rich_style).apply_meta(meta))
        return strips

    # ----------------------------------------------------------------- cursor

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        """Keep the cursor on an entry (None for an empty list)."""
        count = len(self._source)
        if highlighted is None or not count:
            return None
        return max(0, min(highlighted, count - 1))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        """Redraw the two entries that changed, and keep the cursor on screen."""
        self.scroll_to_highlight()
        self.refresh()

    def on_show(self) -> None:
        """Bring the cursor into view once the list is shown."""
        self.scroll_to_highlight()

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Scroll so the entry under the cursor is on screen."""
        index = self.highlighted
        if index is None or not self.is_mounted or self._width() <= 0:
            return
        self._measure_to(index)
        self._update_virtual_size()
        tops = self._tops
        region = Region(0, tops[index], self._width(), tops[index + 1] - tops[index])
        self.scroll_to_region(region, force=True, animate=False, top=top, immediate=True)

    def _enabled(self, index: int) -> bool:
        return not self._source.option(index).disabled

    def _next_enabled(self, start: int, step: int) -> int | None:
        """The first enabled entry from `start` going `step`, or None."""
        count = len(self._source)
        index = start
        while 0 <= index < count:
            if self._enabled(index):
                return index
            index += step
        return None

    def _move_to(self, index: int | None) -> None:
        if index is not None:
            self.highlighted = index

    def _step(self, direction: int) -> None:
        """Move the cursor to the next enabled entry in `direction`, round the ends."""
        current, count = self.highlighted, len(self._source)
        if current is None:
            self.action_first() if direction > 0 else self.action_last()
            return
        for distance in range(1, count + 1):
            index = (current + distance * direction) % count
            if self._enabled(index):
                self.highlighted = index
                return

    def action_cursor_down(self) -> None:
        """Move the cursor to the next entry (from the last, to the first)."""
        self._step(1)

    def action_cursor_up(self) -> None:
        """Move the cursor to the previous entry (from the first, to the last)."""
        self._step(-1)

    def action_first(self) -> None:
        """Move the cursor to the first entry."""
        self._move_to(self._next_enabled(0, 1))

    def action_last(self) -> None:
        """Move the cursor to the last entry."""
        self._move_to(self._next_enabled(len(self._source) - 1, -1))

    def _move_page(self, direction: int) -> None:
        """Move the cursor about a screen's height of rows (entries of any height)."""
        current = self.highlighted
        if current is None:
            self.action_first() if direction > 0 else self.action_last()
            return
        self._measure_to(current)
        row = self._tops[current] + direction * self.scrollable_content_region.height
        found = self._entry_at(max(0, row))
        target = len(self._source) - 1 if found is None else found[0]
        if direction < 0 and row < 0:
            target = 0
        found_enabled = self._next_enabled(target, direction)
        if found_enabled is None:
            found_enabled = self._next_enabled(target, -direction)
        self._move_to(found_enabled)

    def action_page_down(self) -> None:
        """Move the cursor down a page."""
        self._move_page(1)

    def action_page_up(self) -> None:
        """Move the cursor up a page."""
        self._move_page(-1)

    def action_select(self) -> None:
        """Post `OptionSelected` for the entry under the cursor."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self._source):
            return
        option = self._source.option(index)
        if not option.disabled:
            self.post_message(self.OptionSelected(self, option, index))

    async def _on_click(self, event: events.Click) -> None:
        """A click picks the entry under the pointer."""
        index = event.style.meta.get("entry")
        if isinstance(index, int) and 0 <= index < len(self._source) and self._enabled(index):
            self.highlighted = index
            self.action_select()
