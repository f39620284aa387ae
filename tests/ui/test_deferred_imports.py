"""Imports made after the first paint, in several threads at once, never crash the reader."""

from __future__ import annotations

import threading

from reader.ui import deferred


def test_a_deferred_import_waits_while_another_thread_imports() -> None:
    # Two threads importing parts of one package at once can crash CPython 3.11's import
    # machinery ("partially initialized module", then KeyError): one import at a time.
    finished = threading.Event()

    def import_the_bar() -> None:
        deferred.search_bar()
        finished.set()

    with deferred.IMPORT_LOCK:
        thread = threading.Thread(target=import_the_bar)
        thread.start()
        assert not finished.wait(0.3)
    assert finished.wait(10)
    thread.join()
