"""The floor under a build, as its own process for ``run.py`` to time: read + OpenCC + write.

    python bench/floor.py SOURCE_DIR OUT_DIR

Reads each ``*.md`` below ``SOURCE_DIR``, converts it with OpenCC ``tw2s`` as one text and writes the result to
``OUT_DIR`` (plain writes: no segmentation, catalogs, typography, fsync or cache). No real
command can do less for the same bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import opencc


def main(source: Path, out: Path) -> None:
    converter = opencc.OpenCC("tw2s")
    out.mkdir(parents=True, exist_ok=True)
    for i, path in enumerate(sorted(source.rglob("*.md"))):
        (out / f"{i}-{path.name}").write_text(converter.convert(path.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
