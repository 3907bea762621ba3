"""The glossary: reading the CSV, finding terms, the comments translators see."""

from __future__ import annotations

import csv
import os
import pickle
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import GlossaryError
from pipeline.l10n import glossary
from pipeline.l10n.glossary import Glossary, Term
from pipeline.po.model import Catalog, Entry
from pipeline.text.gloss import strip_glosses
from pipeline.workspace.project import Project

ROOT = Path(__file__).resolve().parents[2]

TEXT = """\
source,language,target,note
布加迪威龍,en,Bugatti Veyron,the car the article compares American AI to
布加迪威龍,zh-Hans,布加迪威龙,
芯片,en,chip
芯片禁令,en,chip export ban,"US export controls on advanced chips, from 2022"

AI,en,AI,
"""


def test_parse() -> None:
    parsed = glossary.parse(TEXT, "g.csv")
    assert parsed.terms == (
        Term("布加迪威龍", "en", "Bugatti Veyron", "the car the article compares American AI to", 2),
        Term("布加迪威龍", "zh_Hans", "布加迪威龙", "", 3),  # the language code is canonical
        Term("芯片", "en", "chip", "", 4),
        Term("芯片禁令", "en", "chip export ban", "US export controls on advanced chips, from 2022", 5),
        Term("AI", "en", "AI", "", 7),
    )
    assert parsed.term("芯片", "en") == Term("芯片", "en", "chip", "", 4)
    assert parsed.term("芯片", "zh_Hans") is None


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "empty file"),
        ("term,lang,translation\n", 1, "the first row must name the columns source,language,target,note"),
        ("source,language,target,note\n芯片,en\n", 2, "expected the columns source, language, target, note"),
        ("source,language,target,note\n芯片,en,chip,note,extra\n", 2, "found 5 cell(s)"),
        ("source,language,target,note\n芯片,en,,\n", 2, "must not be empty"),
        ("source,language,target,note\n\n芯片,english!,chip,\n", 3, "language: 'english!' is not a language code"),
        (
            "source,language,target,note\n芯片,en,chip,\n芯片,en,chips,\n",
            3,
            "芯片 (en) is already in the glossary (line 2)",
        ),
        ('source,language,target,note\n芯片,en,"chip,\n', 2, "malformed CSV"),
    ],
)
def test_malformed_glossary_names_file_and_row(text: str, line: int, message: str) -> None:
    with pytest.raises(GlossaryError, match=re.escape(message)) as caught:
        glossary.parse(text, "locales/glossary.csv")
    assert caught.value.format().startswith(f"locales/glossary.csv:{line}: ")
    assert "\n" not in caught.value.format()


def test_read_rejects_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_bytes(b"source,language,target,note\n" + "芯片,en,chip,\n".encode("big5"))
    with pytest.raises(GlossaryError, match="not valid UTF-8") as caught:
        glossary.read(path, "locales/glossary.csv")
    assert caught.value.line == 2


def test_find_prefers_the_longer_term_and_whole_latin_words() -> None:
    parsed = glossary.parse(TEXT, "g.csv")
    assert parsed.find("而中國AI,從誕生那天起,脖子上就勒著一根叫“芯片禁令”的繩子。") == ("AI", "芯片禁令")
    assert parsed.find("只能在后排吃灰(芯片)。") == ("芯片",)
    assert parsed.find("OpenAI、谷歌、Anthropic這些巨頭") == ()  # "AI" inside "OpenAI" is not the term


def test_comments_for_the_template_and_for_one_language() -> None:
    parsed = glossary.parse(TEXT, "g.csv")
    text = "美國巨頭們開著“布加迪威龍”在賽道上狂飆"
    assert parsed.template_comments(text, ("zh_Hans", "en")) == (
        "glossary (zh_Hans): 布加迪威龍 = 布加迪威龙",
        "glossary (en): 布加迪威龍 = Bugatti Veyron — the car the article compares American AI to",
    )
    assert parsed.comments(text, "en") == (
        "glossary: 布加迪威龍 = Bugatti Veyron — the car the article compares American AI to",
    )
    assert parsed.template_comments(text, ("en",)) == (
        "glossary (en): 布加迪威龍 = Bugatti Veyron — the car the article compares American AI to",
    )


def test_localise_keeps_other_comments_and_gives_each_language_its_own_terms() -> None:
    parsed = glossary.parse(TEXT, "g.csv")
    text = "美國巨頭們開著“布加迪威龍”在賽道上狂飆"
    entry = Entry(
        text,
        extracted_comments=("paragraph 1, sentence 1", *parsed.template_comments(text, ("zh_Hans", "en"))),
        references=("source/article.md:1",),
    )
    template = Catalog(entries=(entry, Entry("可現在,風向變了。", extracted_comments=("paragraph 2, sentence 1",))))
    chinese = glossary.localise(template, parsed, "zh_Hans")
    assert chinese.entries[0].extracted_comments == ("paragraph 1, sentence 1", "glossary: 布加迪威龍 = 布加迪威龙")
    assert chinese.entries[1] is template.entries[1]
    assert glossary.localise(template, Glossary(), "en").entries[0].extracted_comments == ("paragraph 1, sentence 1",)
    assert glossary.is_comment("glossary (en): 芯片 = chip") and glossary.is_comment("glossary: 芯片 = chip")
    assert not glossary.is_comment("paragraph 1, sentence 1")


@pytest.mark.parametrize(
    ("translation", "target", "used"),
    [
        ("when he spoke to the *Financial Times*", "*Financial Times*", True),
        ("when he spoke to the Financial Times", "*Financial Times*", True),
        ("when he spoke to the FT", "*Financial Times*", False),
        ("downloads of Chinese open-source models", "open source", True),
        ("American AI's moats", "moat", True),
        ("a remote location", "moat", False),  # a term starts a word
        ("美国巨头们开着“布加迪威龙”", "布加迪威龙", True),
        ("美国巨头们开着“布加迪威龍”", "布加迪威龙", False),
    ],
)
def test_uses(translation: str, target: str, used: bool) -> None:
    assert glossary.uses(translation, target) is used


# ---------------------------------------------------------------- the project's glossary


def project_rows() -> list[dict[str, str]]:
    with (ROOT / "locales" / "glossary.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_project_glossary_has_the_terms_a_translator_of_the_article_needs() -> None:
    english = {t.source: t.target for t in Project(ROOT).glossary.terms if t.language == "en"}
    required = {
        "布加迪威龍": "Bugatti Veyron",
        "五菱宏光": "Wuling Hongguang",
        "全球南方": "Global South",
        "護城河": "moat",
        "芯片禁令": "chip export ban",
        "《金融時報》": "*Financial Times*",
        "網易號": "NetEase Hao",
    }
    assert english.items() >= required.items()
    for term in (
        "算力霸權",
        "效率革命",
        "農村包圍城市",
        "撒幣",
        "大力出奇跡",
        "微軟",
        "布拉德·史密斯",
        "《Nature》",
        "津巴布韋",
    ):
        assert term in english, term


def test_every_project_term_occurs_in_the_article() -> None:
    article = strip_glosses((ROOT / "source" / "article.md").read_text(encoding="utf-8"))
    assert [row["source"] for row in project_rows() if row["source"] not in article] == []


def test_simplified_terms_are_what_the_converter_writes() -> None:
    from pipeline.l10n.opencc_calls import opencc_convert

    for row in project_rows():
        if row["language"] == "zh_Hans":
            assert opencc_convert(row["source"], "tw2s") == row["target"], row


def test_find_remembers_its_answers_without_changing_the_glossary() -> None:
    terms = Glossary((Term("芯片", "en", "chips"), Term("芯片禁令", "en", "chip ban")))
    same = Glossary(terms.terms)
    text = "一根叫“芯片禁令”的繩子,芯片"
    assert terms.find(text) == terms.find(text) == ("芯片禁令", "芯片")
    assert terms == same and hash(terms) == hash(same)  # the memo is not part of the glossary
    assert Glossary().find(text) == ()


def test_localise_without_a_glossary_still_takes_old_terms_out() -> None:
    plain = Catalog(entries=(Entry("可現在,風向變了。", extracted_comments=("paragraph 2, sentence 1",)),))
    assert glossary.localise(plain, Glossary(), "en") is plain
    stale = Catalog(entries=(Entry("微軟", extracted_comments=("paragraph 1, sentence 1", "glossary (en): 微軟 = X")),))
    assert glossary.localise(stale, Glossary(), "en").entries[0].extracted_comments == ("paragraph 1, sentence 1",)


# ---------------------------------------------------------------- one pass, whatever the number of terms


def _reference_find(sources: list[str], text: str) -> tuple[str, ...]:
    """The search ``Glossary`` used before Aho–Corasick, kept as the reference: ``str.find`` per term."""
    found: list[tuple[int, int, str]] = []
    for source in dict.fromkeys(sources):
        start = text.find(source)
        while start != -1:
            end = start + len(source)
            if glossary._whole(text, start, end):
                found.append((start, end, source))
            start = text.find(source, start + 1)
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    chosen: list[str] = []
    covered_until = 0
    for start, end, source in found:
        if start < covered_until:
            continue
        covered_until = end
        if source not in chosen:
            chosen.append(source)
    return tuple(chosen)


# Few letters, so that terms overlap, nest, repeat and touch word boundaries often; an astral character too.
_LETTERS = st.sampled_from(["芯", "片", "禁", "令", "A", "I", "a", "1", " ", "-", "·", "𠀋"])
_SOURCES = st.lists(st.text(_LETTERS, min_size=1, max_size=4), min_size=1, max_size=12)


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "300")), deadline=None)
@given(_SOURCES, st.lists(st.text(_LETTERS, max_size=30), min_size=1, max_size=5))
def test_the_automaton_finds_exactly_what_str_find_found(sources: list[str], texts: list[str]) -> None:
    parsed = Glossary(tuple(Term(s, "en", f"t{i}") for i, s in enumerate(sources)))
    for text in texts:
        assert parsed.find(text) == _reference_find(sources, text)
    parsed.scan(texts)  # answers remembered for a document are the same answers
    assert [parsed.find(t) for t in texts] == [_reference_find(sources, t) for t in texts]


class _CountingAutomaton:
    """Wraps the glossary's automaton and counts the passes over texts and the characters passed over."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.kind = inner.kind
        self.passes = 0
        self.characters = 0

    def iter(self, text: str) -> Any:
        self.passes += 1
        self.characters += len(text)
        return self.inner.iter(text)


def _counted(parsed: Glossary, monkeypatch: pytest.MonkeyPatch) -> _CountingAutomaton:
    made: list[_CountingAutomaton] = []
    real = glossary._automaton

    def counting(sources: Any) -> _CountingAutomaton:
        made.append(_CountingAutomaton(real(sources)))
        return made[-1]

    monkeypatch.setattr(glossary, "_automaton", counting)
    parsed.find("預熱")  # makes the automaton
    parsed._found.clear()
    made[0].passes = made[0].characters = 0
    return made[0]


def test_the_work_per_text_does_not_grow_with_the_number_of_terms(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [f"美國的芯片禁令第{i}次提到布加迪威龍與AI。" for i in range(200)]
    work = []
    for count in (3, 3_000):
        many = [f"詞{i}" for i in range(count - 3)]
        parsed = Glossary(tuple(Term(s, "en", s) for s in ["芯片", "芯片禁令", "AI", *many]))
        counter = _counted(parsed, monkeypatch)
        assert [parsed.find(t) for t in texts] == [("芯片禁令", "AI")] * len(texts)
        work.append((counter.passes, counter.characters))
    assert work[0] == work[1] == (len(texts), sum(len(t) for t in texts))  # one pass per text, for 3 or 3,000 terms


def test_the_template_and_every_language_share_one_search_per_segment(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.l10n import template as extract
    from pipeline.text import segment, source

    parsed = glossary.parse(TEXT + "芯片,zh_Hans,芯片\n", "g.csv")
    counter = _counted(parsed, monkeypatch)
    monkeypatch.setattr(glossary, "_REMEMBERED", 10)  # a document longer than find()'s own memory
    markdown = "".join(f"第{i}段說芯片禁令。也說AI。\n\n" for i in range(50)) + "又說芯片禁令。\n"
    document = segment.segment(source.parse(markdown, Path("a.md"), "a"))
    texts = {s.text for s in document.segments()}
    template = extract.template(document, "a.md", "now", None, parsed, ("zh_Hans", "en"))
    for code in ("zh_Hans", "en", "zh_Hans"):
        glossary.localise(template, parsed, code)
    assert counter.passes == len(texts) == 52  # one search per distinct segment, not three or four


def test_a_worker_process_gets_the_terms_and_finds_the_same() -> None:
    parsed = glossary.parse(TEXT, "g.csv")
    assert parsed.find("芯片禁令與AI") == ("芯片禁令", "AI")
    copy = pickle.loads(pickle.dumps(parsed))
    assert copy == parsed and copy._found == {}  # the answers and the automaton stay behind
    assert copy.find("芯片禁令與AI") == ("芯片禁令", "AI")
    assert copy.term("AI", "en") == Term("AI", "en", "AI", "", 7)
