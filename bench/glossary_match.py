"""Internal step: finding glossary terms in 50,000 sentences, three ways (not a whole command).

    python bench/glossary_match.py [--sentences 50000] [--terms 60,1000,10000]

- ``str.find`` per term: what ``Glossary`` did before (one scan of the text per term);
- one compiled alternation (``re``, longest term first, in a lookahead so that overlapping
  occurrences are seen): one pass, but Python's ``re`` tries the alternatives one by one at
  every position, and a rejected whole-word match hides the shorter term under it, so it is
  timed here only, not equivalent;
- Aho–Corasick (``pyahocorasick``): what ``Glossary`` does now, one pass whatever the terms.

Each column is the time to search every sentence once, without the answers cache.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402

from pipeline.l10n import glossary as glossary_file  # noqa: E402
from pipeline.l10n.glossary import Glossary, Term, _whole  # noqa: E402


def by_find(sources: list[str], text: str) -> int:
    found = 0
    for source in sources:
        start = text.find(source)
        while start != -1:
            found += _whole(text, start, start + len(source))
            start = text.find(source, start + 1)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=50_000)
    parser.add_argument("--terms", default="60,1000", help="sizes of glossaries of random article fragments")
    args = parser.parse_args()
    rng = random.Random(1)
    texts = corpus.sentences(rng, args.sentences, corpus.clauses(), set())
    pool = sorted({c[i : i + n] for c in corpus.clauses() for n in (2, 3, 4) for i in range(0, len(c) - n + 1, 3)})
    print(f"{args.sentences:,} sentences; seconds to search each once\n")
    print("| terms | `str.find` per term | one `re` alternation | Aho–Corasick |\n|---:|---:|---:|---:|")
    own = glossary_file.read(ROOT / "locales" / "glossary.csv")
    sizes = [0, *(int(n) for n in args.terms.split(","))]
    for count in sizes:  # 0: the project's own glossary
        sources = (
            list(dict.fromkeys(t.source for t in own.terms)) if count == 0 else rng.sample(pool, min(count, len(pool)))
        )
        times = []
        start = time.perf_counter()
        for text in texts:
            by_find(sources, text)
        times.append(time.perf_counter() - start)
        pattern = re.compile("(?=(" + "|".join(map(re.escape, sorted(sources, key=len, reverse=True))) + "))")
        start = time.perf_counter()
        for text in texts:
            [m.group(1) for m in pattern.finditer(text)]
        times.append(time.perf_counter() - start)
        glossary = Glossary(tuple(Term(s, "en", s) for s in sources))
        start = time.perf_counter()
        for text in texts:
            glossary._search(text)
        times.append(time.perf_counter() - start)
        label = f"{len(sources):,} (the project's glossary)" if count == 0 else f"{len(sources):,} (fragments)"
        print(f"| {label} | " + " | ".join(f"{t:.2f} s" for t in times) + " |")


if __name__ == "__main__":
    main()
