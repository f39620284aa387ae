"""Widgets of the reader: the article view, the side panes and the status line."""
