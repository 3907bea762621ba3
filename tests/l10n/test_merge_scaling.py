"""The merge stays linear: an update of 8 times the entries (edits, removals, additions, joins,
splits, texts that start with an old one) costs at most about 8 times the CPU time (tests/scaling.py)."""

from __future__ import annotations

import random
from collections.abc import Callable

from pipeline.l10n.merge import merge
from pipeline.po.model import Catalog, Entry
from tests.scaling import assert_linear

POOL = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 400))  # 400 Han characters: texts share bigrams, as prose does


def sentence(rnd: random.Random) -> str:
    return "".join(rnd.choice(POOL) for _ in range(rnd.randint(10, 30))) + "。"


def catalogs(n: int) -> tuple[Catalog, Catalog]:
    """An old catalog of ``n`` translated sentences, and a template after an edit of the source."""
    rnd = random.Random(n)
    olds = [sentence(rnd) for _ in range(n)]
    news: list[str] = []
    for k, text in enumerate(olds):
        roll = rnd.random()
        if roll < 0.05:  # edited: one character changed
            at = rnd.randrange(len(text) - 1)
            news.append(text[:at] + rnd.choice(POOL) + text[at + 1 :])
        elif roll < 0.07:  # removed
            continue
        elif roll < 0.09:  # added after it
            news += [text, sentence(rnd)]
        elif roll < 0.10 and k + 1 < n:  # joined with the next one (which also stays)
            news.append(text + olds[k + 1])
        elif roll < 0.11:  # split in two
            news += [text[:6], text[6:]]
        elif roll < 0.12:  # a clause added: starts with a whole old sentence
            news.append(text + sentence(rnd))
        else:
            news.append(text)
    news = list(dict.fromkeys(news))
    old = tuple(Entry(t, f"T{k}", references=(f"a.md:{k // 3 + 1}",)) for k, t in enumerate(olds))
    new = tuple(Entry(t, references=(f"a.md:{k // 3 + 1}",)) for k, t in enumerate(news))
    return Catalog(entries=new), Catalog(header=(("Language", "en"),), entries=old)


def test_the_merge_is_linear() -> None:
    def prepare(n: int) -> Callable[[], object]:
        template, old = catalogs(n)
        return lambda: merge(template, old, None, True)

    assert_linear(prepare, 1_500, "merge")


def test_the_scaling_catalogs_have_every_kind_of_change() -> None:
    template, old = catalogs(1_500)
    counts = merge(template, old, None, True).counts
    assert counts.unchanged > 1_000 and counts.added > 10 and counts.obsoleted > 10
    assert {"edited", "joined", "split"} <= set(counts.fuzzy)
