"""Highlights and notes: model, YAML storage, re-anchoring and git merging; no UI imports.

- `model`: frozen values (`Annotation`, `Selector`, `Document`, `NotesFile`, `Conflict`).
- `yaml_io`: strict safe reading and canonical, diff-friendly writing of notes files (done
  in `yaml_read`, `yaml_write`, `yaml_canonical_*` and `conflict_markers`; import from
  `yaml_io`).
- `store`: `NotesStore`, the API the UI uses: find an article's notes, change them (saved
  at once, or behind for big files, atomically, merged with changes on disk), undo,
  re-anchor, recover.
- `anchor`: placing notes again in a changed text (exact, fuzzy, or orphan).
- `merge`: the symmetric merge by annotation id that saves, recovery and git rely on.
- `first_screen` (reading, light) and `first_screen_keep` (making, writing): what the notes
  put on an article's first screen, kept so the reader shows it before they are loaded.
- `notes_home`, `cache_home`: the notes directory and the caches' directory and sealed
  entries, importable before the reader's first paint.

Nothing is imported here, so a light user (the git merge driver) pays only for what it uses.
"""
