"""Property test: random source edits and translator work, then update; nothing is ever lost.

The normal suite runs 200 examples. For a long run:

    HYPOTHESIS_MERGE_EXAMPLES=10000 pytest tests/l10n/test_merge_properties.py
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.l10n import merge
from pipeline.l10n import template as extract
from pipeline.l10n.convert import machine_filler
from pipeline.po.model import Catalog
from pipeline.po.parse import parse
from pipeline.po.write import render
from pipeline.text import segment, source

ARTICLE = Path(__file__).resolve().parents[2] / "source" / "article.md"
SENTENCES = sorted(
    {
        s.text
        for s in segment.segment(source.read(ARTICLE, "article")).segments()
        if "source damaged" not in str(s.damage)
    }
)
EXAMPLES = int(os.environ.get("HYPOTHESIS_MERGE_EXAMPLES", "200"))
HEADER = (("Content-Type", "text/plain; charset=UTF-8"),)
TW2S = machine_filler("tw2s", "fullwidth", traditional_source=True)

# One source edit: (kind, paragraph index, sentence index, amount)
EDIT = st.tuples(
    st.sampled_from(["insert", "delete", "typo", "split", "join", "move", "number", "punctuation"]),
    st.integers(0, 1000),
    st.integers(0, 1000),
    st.integers(0, 1000),
)
# Translator work after each update: (entry index, action, text number)
WORK = st.lists(
    st.tuples(
        st.integers(0, 1000), st.sampled_from(["fill", "change", "review", "comment", "flag"]), st.integers(0, 99)
    ),
    max_size=6,
)


def apply_edit(paragraphs: list[list[str]], edit: tuple[str, int, int, int]) -> None:
    kind, p, s, n = edit
    if kind == "insert" or not paragraphs:
        paragraphs.insert(p % (len(paragraphs) + 1), [SENTENCES[n % len(SENTENCES)]])
        return
    para = paragraphs[p % len(paragraphs)]
    i = s % len(para)
    sentence = para[i]
    if kind == "delete":
        del para[i]
        if not para:
            paragraphs.remove(para)
    elif kind == "typo" and len(sentence) > 3:
        k = n % (len(sentence) - 2)
        para[i] = sentence[:k] + "某" + sentence[k + 1 :]
    elif kind == "split" and len(sentence) > 8:
        k = 3 + n % (len(sentence) - 6)
        para[i : i + 1] = [sentence[:k] + "。", sentence[k:]]
    elif kind == "join" and i + 1 < len(para):
        para[i : i + 2] = [para[i].rstrip("。？！?!") + "," + para[i + 1]]
    elif kind == "move":
        paragraphs.append(paragraphs.pop(p % len(paragraphs)))
    elif kind == "number":
        para[i] = sentence + f"共{n}個。" if not any(c.isdigit() for c in sentence) else sentence.replace("2", "3")
    elif kind == "punctuation":
        para[i] = sentence.replace(",", "，").replace(":", "：")


def template_for(paragraphs: list[list[str]]) -> Catalog:
    text = "\n".join("".join(p) for p in paragraphs)
    document = segment.segment(source.parse(text, Path("a.md"), "a"))
    return extract.template(document, "a.md", "2026-01-01 00:00+0000", None)


def do_work(cat: Catalog, work: list[tuple[int, str, int]], step: int) -> Catalog:
    entries = list(cat.entries)
    live = [i for i, e in enumerate(entries) if not e.obsolete]
    for index, action, number in work:
        if not live:
            break
        k = live[index % len(live)]
        e = entries[k]
        if action in ("fill", "change"):
            entries[k] = replace(e, msgstr=f"translation {step}.{number}")
        elif action == "review" and e.fuzzy:
            entries[k] = replace(e.with_flag("fuzzy", False), previous_msgid=None, previous_msgctxt=None)
        elif action == "comment":
            entries[k] = replace(e, translator_comments=(*e.translator_comments, f"note {step}.{number}"))
        elif action == "flag":
            entries[k] = e.with_flag(f"ignore-check{step}x{number}")
    return replace(cat, entries=tuple(entries))


def translations(cat: Catalog) -> set[str]:
    return {e.msgstr for e in cat.entries if e.msgstr}


def comments(cat: Catalog) -> set[str]:
    return {c for e in cat.entries for c in e.translator_comments if c.startswith("note")}


def flags(cat: Catalog) -> set[str]:
    return {f for e in cat.entries for f in e.flags if f.startswith("ignore-")}


def check_invariants(before: Catalog, after: Catalog, template: Catalog, machine: bool) -> None:
    live = [e for e in after.entries if not e.obsolete]
    assert len({e.msgid for e in live}) == len(live), "duplicate live msgids"
    assert len({e.msgid for e in after.entries if e.obsolete}) == len(after.obsolete), "duplicate obsolete msgids"
    assert [e.msgid for e in live] == [e.msgid for e in template.entries], "live entries follow the source"
    if not machine:
        missing = translations(before) - translations(after)
        assert not missing, f"translations lost: {missing}"
    else:  # machine output may be regenerated; a person's text may not
        fill = TW2S
        assert fill is not None
        people = {e.msgstr for e in before.entries if e.msgstr and e.msgstr != fill(e.msgid)}
        assert not people - translations(after), "a person's Simplified text was lost"
    assert comments(before) <= comments(after), "translator comments lost"
    assert flags(before) <= flags(after), "flags lost"
    for e in live:
        if e.fuzzy and e.msgstr:
            assert e.previous_msgid is not None, f"fuzzy without #|: {e.msgid}"


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3, unique=True), min_size=1, max_size=5),
    steps=st.lists(st.tuples(st.lists(EDIT, min_size=1, max_size=3), WORK), min_size=1, max_size=4),
    machine=st.booleans(),
)
def test_update_never_loses_work(
    start: list[list[str]],
    steps: list[tuple[list[tuple[str, int, int, int]], list[tuple[int, str, int]]]],
    machine: bool,
) -> None:
    fill = TW2S if machine else None
    paragraphs = [list(dict.fromkeys(p)) for p in start]
    cat = merge.merge(template_for(paragraphs), Catalog(header=HEADER), fill, True).catalog
    for step, (edits, work) in enumerate(steps):
        cat = do_work(cat, work, step)
        cat = parse(render(cat), "a.po")  # what is on disk is what counts
        for edit in edits:
            apply_edit(paragraphs, edit)
        template = template_for(paragraphs)
        after = merge.merge(template, cat, fill, True).catalog
        check_invariants(cat, after, template, machine)
        again = merge.merge(template, after, fill, True).catalog
        assert render(again) == render(after), "a second update changed something"
        cat = after


def test_sentence_pool_is_real() -> None:
    assert len(SENTENCES) > 40
