"""Benchmarks: our pipeline against the reference tools, measured in the same run.

    python bench/run.py                       # merge of 50,000 entries vs msgmerge --previous
    python bench/run.py --entries 200000      # a larger merge
    python bench/run.py --seed 7              # another corpus

The corpus is generated from the article's own sentences (clauses recombined, seeded),
translated, then edited the way articles are: 5% of segments slightly edited (one
character changed, or a clause at most half the sentence's length added), 2% removed,
2% added. Each tool runs in
its own process; we report wall time, peak memory (max RSS), how many edited segments
came back as fuzzy with their old translation, and how many genuinely new segments were
wrongly given some other translation. Nothing here is a test: numbers, not verdicts.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import catalog, fs, merge, segment, source  # noqa: E402
from pipeline.catalog import Catalog, Entry  # noqa: E402

HEADER = (
    ("Project-Id-Version", "bench"),
    ("POT-Creation-Date", "2026-01-01 00:00+0000"),
    ("PO-Revision-Date", "2026-01-01 00:00+0000"),
    ("Last-Translator", "bench"),
    ("Language-Team", "bench"),
    ("Language", "en"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
    ("Plural-Forms", "nplurals=2; plural=(n != 1);"),
)
_CLAUSE_END = re.compile(r"[,，、:：;；。！？?!]")


# ---------------------------------------------------------------- corpus


def clauses() -> list[str]:
    """The article's clauses: the material every corpus is made of."""
    doc = segment.segment(source.read(ROOT / "source" / "article.md", "article"))
    found = set()
    for seg in doc.segments():
        for piece in _CLAUSE_END.split(seg.text):
            if 3 <= len(piece) <= 40 and not seg.damage:
                found.add(piece)
    return sorted(found)


def sentences(rng: random.Random, count: int, pool: list[str], avoid: set[str]) -> list[str]:
    """``count`` distinct sentences of 2-4 clauses, none of them in ``avoid``."""
    made: list[str] = []
    seen = set(avoid)
    while len(made) < count:
        text = "，".join(rng.sample(pool, rng.randint(2, 4))) + "。"
        if text not in seen:
            seen.add(text)
            made.append(text)
    return made


@dataclass(frozen=True)
class Corpus:
    old: Catalog  # translated catalog of the old source
    new: Catalog  # template of the edited source
    edited: dict[str, str]  # new msgid -> the translation of the segment it was edited from
    added: set[str]


def corpus(entries: int, seed: int) -> Corpus:
    rng = random.Random(seed)
    pool = clauses()
    old_texts = sentences(rng, entries, pool, set())
    old = Catalog(
        header=HEADER,
        entries=tuple(
            Entry(t, f"translation {i}", references=(f"source/article.md:{i + 1}",)) for i, t in enumerate(old_texts)
        ),
    )
    indices = list(range(entries))
    rng.shuffle(indices)
    n_edit, n_remove = entries * 5 // 100, entries * 2 // 100
    to_edit = set(indices[:n_edit])
    to_remove = set(indices[n_edit : n_edit + n_remove])
    new_texts: list[str] = []
    edited: dict[str, str] = {}
    taken = set(old_texts)
    for i, text in enumerate(old_texts):
        if i in to_remove:
            continue
        if i in to_edit:
            if rng.random() < 0.5:  # one character changed
                k = rng.randrange(len(text) - 1)
                changed = text[:k] + rng.choice("的了是在有和就不都也") + text[k + 1 :]
            else:  # a short clause added: at most half as long as the sentence ("slightly")
                short = [c for c in rng.sample(pool, 20) if len(c) <= len(text) // 2] or [text[: len(text) // 3]]
                changed = text[:-1] + "，" + short[0] + "。"
            if changed in taken:
                changed = text[:-1] + f"，第{i}次。"
            taken.add(changed)
            edited[changed] = f"translation {i}"
            text = changed
        new_texts.append(text)
    added = sentences(rng, entries * 2 // 100, pool, taken)
    for text in added:
        new_texts.insert(rng.randrange(len(new_texts) + 1), text)
    new = Catalog(
        header=HEADER[:2] + HEADER[6:9],
        entries=tuple(Entry(t, references=(f"source/article.md:{i + 1}",)) for i, t in enumerate(new_texts)),
    )
    return Corpus(old, new, edited, set(added))


# ---------------------------------------------------------------- running


def ours(old: Path, template: Path, out: Path) -> None:
    """What `update` does for one catalog: read both, merge, render, write atomically."""
    merged = merge.merge(catalog.read(template), catalog.read(old), None, True)
    fs.write_if_changed(out, catalog.render(merged.catalog).encode("utf-8"))


def measured(command: list[str]) -> tuple[float, float]:
    """Run ``command``; return (wall seconds, peak RSS in MiB) of that process."""
    start = time.perf_counter()
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{command[0]} failed with status {status}")
    return seconds, usage.ru_maxrss / 1024


def recovered(result: Path, bench: Corpus) -> tuple[int, int]:
    """(edited segments back as fuzzy with their old translation, new segments given a translation)."""
    entries = {e.msgid: e for e in catalog.read(result).live}
    good = sum(1 for msgid, msgstr in bench.edited.items() if entries[msgid].msgstr == msgstr)
    noise = sum(1 for msgid in bench.added if entries[msgid].msgstr)
    return good, noise


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--_ours", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._ours:
        ours(*(Path(p) for p in args._ours))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        bench = corpus(args.entries, args.seed)
        old, pot = folder / "old.po", folder / "new.pot"
        old.write_text(catalog.render(bench.old), encoding="utf-8")
        pot.write_text(catalog.render(replace(bench.new)), encoding="utf-8")
        print(
            f"corpus: {args.entries} entries (seed {args.seed}), {len(bench.edited)} edited, "
            f"{args.entries * 2 // 100} removed, {len(bench.added)} added; made in {time.perf_counter() - t0:.1f} s"
        )
        rows = []
        ours_out = folder / "ours.po"
        seconds, rss = measured([sys.executable, __file__, "--_ours", str(old), str(pot), str(ours_out)])
        rows.append(("article-l10n update", seconds, rss, *recovered(ours_out, bench)))
        if shutil.which("msgmerge"):
            peer_out = folder / "msgmerge.po"
            seconds, rss = measured(["msgmerge", "--previous", "--quiet", "-o", str(peer_out), str(old), str(pot)])
            rows.append(("msgmerge --previous", seconds, rss, *recovered(peer_out, bench)))
        else:
            print("msgmerge not found: install GNU gettext to compare")
        print(
            f"{'tool':22} {'wall s':>8} {'entries/s':>10} {'peak MiB':>9} "
            f"{'edited recovered':>17} {'new given a translation':>24}"
        )
        for name, seconds, rss, good, noise in rows:
            print(
                f"{name:22} {seconds:8.2f} {args.entries / seconds:10.0f} {rss:9.0f} "
                f"{good:>9}/{len(bench.edited):<7} {noise:>12}/{len(bench.added):<11}"
            )
        if len(rows) == 2:
            print(f"ratio: article-l10n is {rows[1][1] / rows[0][1]:.1f}x the speed of msgmerge --previous")


if __name__ == "__main__":
    main()
