"""The check engine: ``ignore-<id>`` flags, ``check_catalog``, the registry; and ``line-break``."""

from __future__ import annotations

import re

import pytest

from pipeline import qa
from pipeline.operations import quality
from pipeline.po import file as po_file
from pipeline.po.model import Catalog, Entry
from pipeline.po.parse import parse
from pipeline.qa.checks.markup import markup
from pipeline.workspace.project import Project
from tests.qa.sentences import EN, PRICE, R1, ROOT, TW2S, WIND, WIND_EN, ZH_HANS, fired


def test_ignore_flag_silences_one_check_on_one_entry() -> None:
    bad = "But DeepSeek's model cost only $29.4 to train."
    assert fired("names", R1, bad) and fired("numbers", R1, bad)
    assert fired("names", R1, bad, flags=("ignore-names",)) == ""
    assert fired("numbers", R1, bad, flags=("ignore-names",)) != ""  # only the named check
    assert fired("numbers", R1, bad, flags=("ignore-numbers", "ignore-names")) == ""


PO = f"""\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

#. paragraph 2, sentence 1
#: source/article.md:2
msgid "{WIND}"
msgstr "{WIND}"

#: source/article.md:13
#, fuzzy
msgid "{R1}"
msgstr "But DeepSeek's model cost only $29.4."

#: source/article.md:14
msgid "{PRICE}"
msgstr ""

#: source/article.md:21
#, ignore-untranslated-copy
msgid "但中國AI不嫌棄。"
msgstr "但中國AI不嫌棄。"

#: source/article.md:13
msgid "{R1.replace("29.4萬", "29萬")}"
msgstr "But DeepSeek's model cost only $290,000."

#~ msgid "舊的句子。"
#~ msgstr "舊的句子。"
"""


def test_check_catalog_checks_translated_entries_and_names_the_msgid_line() -> None:
    findings = qa.check_catalog(parse(PO, "locales/en/LC_MESSAGES/article.po"), "locales/en/x.po", EN)
    lines = PO.split("\n")
    assert [(f.check, f.line) for f in findings] == [("untranslated-copy", 8), ("names", 26)]
    for finding in findings:
        assert finding.line is not None and lines[finding.line - 1].startswith("msgid ")
    assert findings[0].format() == (
        'locales/en/x.po:8: error: [untranslated-copy] "可現在,風向變了。": '
        "the translation is a copy of the Chinese source"
    )
    assert findings[1].msgid_start == "但DeepSeek-R1的出世,…"  # the first 16 characters
    assert findings[1].language == "en"


def test_machine_filled_catalogs_are_checked_fuzzy_or_not() -> None:
    fuzzy = Entry(WIND, "可現在，風向變了。", flags=("fuzzy",), line=3)
    cat = Catalog(entries=(fuzzy,))
    assert qa.check_catalog(cat, "x.po", qa.language("zh_Hans")) == ()  # no converter: a person's fuzzy entry
    found = qa.check_catalog(cat, "x.po", ZH_HANS)
    assert [(f.check, f.line) for f in found] == [("traditional-left", 3)]


def test_machine_conversion_of_the_whole_article_passes_every_check() -> None:
    """What update writes for zh_Hans has no finding but the corrupted-source warnings."""
    assert TW2S is not None
    template = po_file.read(ROOT / "locales" / "article.pot")
    cat = Catalog(entries=tuple(Entry(e.msgid, TW2S(e.msgid), line=e.line) for e in template.entries))
    findings = qa.check_catalog(cat, "zh_Hans.po", ZH_HANS)
    assert {f.check for f in findings} == {"source-damage"}
    assert len(findings) == 4


def test_project_catalogs_have_no_errors() -> None:
    findings = quality(Project(ROOT))
    assert [f for f in findings if f.severity == "error"] == []
    assert {(f.language, f.check) for f in findings} <= {("zh_Hans", "source-damage")}


# ---------------------------------------------------------------- the registry


def test_every_check_is_registered_once_with_a_severity_and_a_summary() -> None:
    expected = {
        "markup": "error",
        "names": "error",
        "acronyms": "warning",
        "numbers": "warning",
        "untranslated-copy": "error",
        "cjk-left": "error",
        "traditional-left": "error",
        "ending": "warning",
        "whitespace": "warning",
        "source-damage": "warning",
        "glossary": "warning",
        "line-break": "error",
    }
    assert {c.id: c.severity for c in qa.CHECKS.values()} == expected
    assert all(c.summary for c in qa.CHECKS.values())
    with pytest.raises(ValueError, match="registered twice"):
        qa.register("markup", "error")(markup)


def test_docs_document_every_check() -> None:
    docs = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")  # the table moved there from the README
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| (error|warning) \|", docs, re.MULTILINE))
    assert rows == {c.id: c.severity for c in qa.CHECKS.values()}


def test_line_break() -> None:
    assert "line break" in fired("line-break", WIND, "But now\nthe wind has changed.")
    assert fired("line-break", WIND, WIND_EN) == ""
