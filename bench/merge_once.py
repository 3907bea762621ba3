"""What ``update`` does for one catalog, as its own process for ``run.py`` to time.

    python bench/merge_once.py OLD.po NEW.pot OUT.po

Reads both catalogs, merges, renders and writes atomically, importing only what
``update`` needs for that (not the corpus generator ``run.py`` brings along).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.bulk import paused_gc
from pipeline.l10n import merge
from pipeline.po import file as po_file
from pipeline.po.write import render
from pipeline.workspace import fs


@paused_gc()  # as the command line does for a whole command
def main(old: Path, template: Path, out: Path) -> None:
    merged = merge.merge(po_file.read(template), po_file.read(old), None, True)
    fs.write_if_changed(out, render(merged.catalog).encode("utf-8"))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*(Path(arg) for arg in sys.argv[1:]))
