"""Seeded corpora for the benchmarks, all made from the article's own text.

- ``merge_corpus``: a translated catalog and the template of an edited source (5% of the
  segments slightly edited, 2% removed, 2% added), for merge and statistics rows;
- ``article``: one Markdown article of about a given size (headings, paragraphs of several
  sentences, image lines), for extraction rows;
- ``site``: a project of many articles in subfolders (``news/2024/…``), for the pipeline rows.

Nothing here is a test: the same seed always gives the same bytes.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.po.model import Catalog, Entry  # noqa: E402
from pipeline.text import segment, source  # noqa: E402

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

SITE_SETTINGS = """\
[tool.article-l10n]
source_dir = "source"
locales_dir = "locales"
build_dir = "build"
source_language = "zh_Hant"

[tool.article-l10n.languages.zh_Hans]
converter = "tw2s"
punctuation = "fullwidth"

[tool.article-l10n.languages.en]
"""


# ---------------------------------------------------------------- material


@cache
def _article() -> segment.Document:
    return segment.segment(source.read(ROOT / "source" / "article.md", "article"))


@cache
def clauses() -> tuple[str, ...]:
    """The article's clauses (undamaged): the material every corpus is made of."""
    found = set()
    for seg in _article().segments():
        for piece in _CLAUSE_END.split(seg.text):
            if 3 <= len(piece) <= 40 and not seg.damage:
                found.add(piece)
    return tuple(sorted(found))


@cache
def article_sentences() -> tuple[str, ...]:
    """The article's own undamaged sentences, reused verbatim now and then (as sites repeat themselves)."""
    return tuple(dict.fromkeys(s.text for s in _article().segments() if not s.damage))


def sentences(rng: random.Random, count: int, pool: tuple[str, ...] | list[str], avoid: set[str]) -> list[str]:
    """``count`` distinct sentences of 2-4 clauses, none of them in ``avoid``."""
    made: list[str] = []
    seen = set(avoid)
    while len(made) < count:
        text = "，".join(rng.sample(pool, rng.randint(2, 4))) + "。"
        if text not in seen:
            seen.add(text)
            made.append(text)
    return made


# ---------------------------------------------------------------- merge corpus


@dataclass(frozen=True)
class MergeCorpus:
    old: Catalog  # translated catalog of the old source
    new: Catalog  # template of the edited source
    edited: dict[str, str]  # new msgid -> the translation of the segment it was edited from
    added: set[str]


def merge_corpus(entries: int, seed: int) -> MergeCorpus:
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
    return MergeCorpus(old, new, edited, set(added))


# ---------------------------------------------------------------- articles and sites


def article(rng: random.Random, size: int) -> str:
    """A Markdown article of about ``size`` UTF-8 bytes: a title, then sections of paragraphs.

    One paragraph per line, as Chinese articles are written; now and then a heading, an
    image line or one of the real article's sentences.
    """
    pool = clauses()
    known = article_sentences()
    lines = ["# " + rng.choice(pool)]
    length = len(lines[0].encode())
    while length < size:
        roll = rng.random()
        if roll < 0.08:
            line = "## " + rng.choice(pool)
        elif roll < 0.12:
            line = "![]()"
        else:
            parts = [
                rng.choice(known) if rng.random() < 0.15 else "，".join(rng.sample(pool, rng.randint(2, 4))) + "。"
                for _ in range(rng.randint(1, 6))
            ]
            line = "".join(parts)
        lines.append(line)
        length += len(line.encode()) + 1
    return "\n".join(lines) + "\n"


def site(folder: Path, count: int, seed: int, smallest: int = 5_000, largest: int = 50_000) -> int:
    """A project in ``folder``: settings plus ``count`` articles below ``source/news/<year>/``.

    Returns the total size of the sources in bytes.
    """
    rng = random.Random(seed)
    (folder / "source").mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(SITE_SETTINGS, encoding="utf-8")
    total = 0
    for i in range(count):
        path = folder / "source" / "news" / str(2020 + i % 7) / f"article-{i:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = article(random.Random(rng.getrandbits(64)), rng.randint(smallest, largest)).encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return total
