"""Run the reader as `python -m reader`."""

from reader.cli import main

raise SystemExit(main())
