"""The Textual user interface: the only package that imports Textual."""

from reader.ui.escape_keys import shorten_escape_delay

shorten_escape_delay()  # before any module here imports Textual, which reads the delay once
