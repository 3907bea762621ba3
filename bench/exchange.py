"""Benchmark of issue 16: export and import of a 50,000-segment document through XLIFF 2.

    python bench/exchange.py [--segments 50000] [--format xliff|xliff12] [--seed 1]

Builds a project whose one article has SEGMENTS distinct sentences (recombined from the
article's own, every tenth with a code span, bold and a link, so inline codes are made),
runs ``update`` (not timed), then times, each as its own ``python cli.py`` process:
``export`` of the English catalog, and ``import`` of that file after a simulated CAT tool
(lxml) filled every target. Prints one Markdown table row per step (the target: ≤ 3 s each).
Kept apart from ``run.py`` (edited by another engineer this round); the lead may fold it in.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import corpus

CLI = Path(__file__).resolve().parent.parent / "cli.py"
SETTINGS = """\
[tool.article-l10n]
source_language = "zh_Hant"

[tool.article-l10n.languages.en]
min_percent = 0
"""
X2 = "urn:oasis:names:tc:xliff:document:2.0"
X12 = "urn:oasis:names:tc:xliff:document:1.2"


def make_project(root: Path, segments: int, seed: int) -> None:
    rng = random.Random(seed)
    found = corpus.sentences(rng, segments, corpus.clauses(), set())
    lines = []
    for start in range(0, len(found), 5):
        group = found[start : start + 5]
        if start % 50 == 0:
            group[0] = f"**{group[0]}** 見 `code{start}` 與 [連結](https://example.com/{start})。"
        lines.append("".join(group))
    (root / "source").mkdir(parents=True)
    (root / "source" / "article.md").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    (root / "pyproject.toml").write_text(SETTINGS, encoding="utf-8")


def cli(root: Path, *args: str) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system) of one ``python cli.py`` process.

    The CPU time is shown too because a shared machine's load stretches the wall clock.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(CLI), "--project", str(root), *args], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def fill(path: Path, fmt: str) -> int:
    """A CAT tool's work: every segment gets a target (its source's content, marked), confirmed."""
    tree = etree.parse(str(path))
    count = 0
    if fmt == "xliff":
        for segment in tree.iter(f"{{{X2}}}segment"):
            source = segment.find(f"{{{X2}}}source")
            target = etree.fromstring(etree.tostring(source))
            target.tag = f"{{{X2}}}target"
            target.text = "EN " + (target.text or "")
            old = segment.find(f"{{{X2}}}target")
            if old is not None:
                segment.remove(old)
            segment.append(target)
            segment.set("state", "translated")
            count += 1
    else:
        for unit in tree.iter(f"{{{X12}}}trans-unit"):
            source = unit.find(f"{{{X12}}}source")
            target = etree.fromstring(etree.tostring(source))
            target.tag = f"{{{X12}}}target"
            target.text = "EN " + (target.text or "")
            target.set("state", "translated")
            source.addnext(target)
            count += 1
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--segments", type=int, default=50_000)
    parser.add_argument("--format", dest="fmt", choices=["xliff", "xliff12"], default="xliff")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        make_project(root, options.segments, options.seed)
        cli(root, "update", "--quiet")
        out = Path(folder) / "en.xlf"
        exported = cli(root, "export", "--format", options.fmt, "--lang", "en", "-o", str(out))
        filled = fill(out, options.fmt)
        imported = cli(root, "import", str(out))
        again = cli(root, "import", str(out))
        size = out.stat().st_size / 1e6
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print("| work | segments | file MB | seconds | CPU seconds |")
        print("|---|---:|---:|---:|---:|")
        rows = [
            (f"export --format {options.fmt}", exported),
            ("import (every target filled)", imported),
            ("import again (nothing changes)", again),
        ]
        for label, (wall, cpu) in rows:
            print(f"| {label} | {filled} | {size:.1f} | {wall:.2f} | {cpu:.2f} |")


if __name__ == "__main__":
    main()
