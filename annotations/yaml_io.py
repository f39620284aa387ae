"""Read and write notes files: safe, strict YAML in, canonical diff-friendly YAML out.

The one place callers import notes-file I/O from; the work is done in five modules:
- `yaml_read`: `parse` trusts nothing (plain data only, no aliases or duplicate keys, no
  YAML 1.1 surprises, a size limit, conflict markers refused) and every error is a
  `NotesFormatError` naming the file, line and column;
- `yaml_write`: the canonical form through PyYAML (fixed key order, `|` notes, no folding,
  LF, no time stamp), so loading and dumping again gives the same bytes and one edited
  word is one line;
- `yaml_canonical_write`: `dump`, those very bytes without PyYAML (a tenth of the time);
- `yaml_canonical_read`: reading them back without PyYAML, for `yaml_read` (text that is
  not exactly the writer's own goes to the strict reader);
- `conflict_markers`: spotting git conflict markers and splitting a file into its sides.

Comments in a notes file are not kept when the reader rewrites it (prose belongs in `note:`);
`parse_with_comments` finds them so the store can warn first, and the old file stays as `.bak`.
"""

from __future__ import annotations

from annotations.conflict_markers import (
    CONFLICT_MARKER,
    ConflictSides,
    has_conflict_markers,
    split_conflict,
)
from annotations.yaml_canonical_write import dump, dump_bytes
from annotations.yaml_read import (
    MAX_FILE_BYTES,
    ConflictMarkersError,
    NewerSchemaError,
    NotesFormatError,
    compose,
    decode,
    parse,
    parse_bytes,
    parse_with_comments,
    read_document,
    read_notes,
)
from annotations.yaml_write import (
    annotation_data,
    conflict_data,
    conflict_key,
    document_data,
    dump_data,
    notes_data,
    selector_data,
)

__all__ = [
    "CONFLICT_MARKER",
    "MAX_FILE_BYTES",
    "ConflictMarkersError",
    "ConflictSides",
    "NewerSchemaError",
    "NotesFormatError",
    "annotation_data",
    "compose",
    "conflict_data",
    "conflict_key",
    "decode",
    "document_data",
    "dump",
    "dump_bytes",
    "dump_data",
    "has_conflict_markers",
    "notes_data",
    "parse",
    "parse_bytes",
    "parse_with_comments",
    "read_document",
    "read_notes",
    "selector_data",
    "split_conflict",
]
