"""The ``names`` and ``acronyms`` checks: Latin-script names and acronyms of the source are kept."""

from __future__ import annotations

import pytest

from pipeline import qa
from pipeline.l10n.glossary import Glossary, Term
from pipeline.po.model import Entry
from pipeline.qa.checks.names import latin_names, latin_terms, spelled_out
from tests.qa.sentences import DAMAGED, EN, GIANTS, HUGGING, HUGGING_EN, NOTICE, R1, R1_EN, fired


def test_names_finds_latin_names_in_chinese_sentences() -> None:
    assert latin_names(R1) == ("DeepSeek-R1",)
    assert latin_names(HUGGING) == ("Hugging Face",)
    assert latin_names(GIANTS) == ("OpenAI", "Anthropic")
    assert latin_names(DAMAGED) == ("GRPO",)  # 碎_發 and ?yàn) are corrupted text, not names
    assert latin_names(NOTICE) == ()  # an English sentence: its words are not names


@pytest.mark.parametrize(
    ("source", "good", "bad", "missing"),
    [
        (R1, R1_EN, R1_EN.replace("DeepSeek-R1", "DeepSeek's model"), "DeepSeek-R1"),
        (HUGGING, HUGGING_EN, HUGGING_EN.replace("Hugging Face", "HuggingFace"), "Hugging Face"),
        (
            GIANTS,
            "OpenAI, Google, Anthropic and the other giants took the classic big-spender route.",
            "OpenAI, Google and the other giants took the classic big-spender route.",
            "Anthropic",
        ),
        (
            "OpenAI CEO奧特曼在X上說,iPhone的app沒問題。",  # cut at the acronym and the common noun
            "OpenAI's chief executive Altman said on X that the iPhone application was fine.",
            "The chief executive of the company said on X that the iPhone application was fine.",
            "OpenAI",
        ),
    ],
)
def test_names(source: str, good: str, bad: str, missing: str) -> None:
    assert fired("names", source, good) == ""
    assert fired("names", source, bad).startswith(f"not in the translation: {missing}")


def test_acronyms_and_common_nouns_are_not_names() -> None:
    assert latin_terms("OpenAI CEO奧特曼用iPhone的app和APP。") == (("OpenAI", "iPhone"), ("CEO", "APP"))
    assert latin_terms(DAMAGED) == ((), ("GRPO",))
    assert latin_terms(HUGGING) == (("Hugging Face",), ())
    # A translation may spell an acronym out, or leave it out: at most a warning, never the names error.
    source = "中國AI的崛起,靠的不是堆GPU。"
    spelled = "The rise of Chinese artificial intelligence did not come from piling up graphics processing units."
    assert fired("names", source, spelled) == "" and fired("acronyms", source, spelled) == ""
    kept = "The rise of Chinese AI did not come from piling up GPUs."
    assert fired("acronyms", source, kept) == ""
    left_out = "The rise of China's models did not come from piling up graphics cards."
    assert fired("names", source, left_out) == ""
    assert (
        fired("acronyms", source, left_out)
        == "not in the translation, nor spelled out: AI, GPU (an acronym; check the meaning is kept)"
    )
    [found] = [f for f in qa.check_entry(Entry(source, left_out), EN) if f[0].id == "acronyms"]
    assert found[0].severity == "warning"


@pytest.mark.parametrize(
    ("acronym", "translation", "spelled"),
    [
        ("AI", "Chinese artificial intelligence", True),
        ("GPUs", "graphics processing units", True),
        ("GRPO", "an algorithm called Group Relative Policy Optimization", True),
        ("USA", "the United States of America", True),
        ("CEO", "the chief executive of the company", False),
        ("APP", "an application", False),
        ("AI", "an idea", False),  # joining words are never initials
        ("AI", "Artificial-intelligence", True),
        ("NASA", "the National Aeronautics and Space Administration", True),
    ],
)
def test_spelled_out(acronym: str, translation: str, spelled: bool) -> None:
    assert spelled_out(acronym, translation) is spelled


def test_names_exceptions_and_glossary() -> None:
    source = "2026年,當DeepSeek曝光了MODEL1這種完全打破常規的新架構時,史密斯的焦慮達到了頂峰。"
    translation = "In 2026, when DeepSeek revealed Model 1, a new architecture, Smith's anxiety peaked."
    assert "MODEL1" in fired("names", source, translation)
    assert fired("names", source, translation, qa.language("en", names=("MODEL1",))) == ""
    glossary = Glossary((Term("MODEL1", "en", "Model 1"),))
    assert fired("names", source, translation, qa.language("en", glossary=glossary)) == ""
