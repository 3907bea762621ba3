"""OpenCC conversion and Chinese typography for the Simplified edition."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import segment, source
from pipeline.convert import batched, check_converter, fullwidth_punctuation, machine_filler, opencc_convert
from pipeline.errors import ConfigError


@pytest.mark.parametrize("word", ["開著", "勒著", "逼著", "摸不著", "盯著", "帶著", "預示著"])
def test_tw2s_turns_the_verb_suffix_into_zhe(word: str) -> None:
    assert opencc_convert(word, "tw2s").endswith("着")


def test_tw2s_keeps_zhu_in_words_that_need_it() -> None:
    assert opencc_convert("著名的著作", "tw2s") == "著名的著作"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("中國AI,從誕生", "中國AI，從誕生"),
        ("Hugging Face(全球最大的模型托管平臺)爆出", "Hugging Face（全球最大的模型托管平臺）爆出"),
        ("這說明什么?說明", "這說明什么？說明"),
        ("的:美國", "的：美國"),
        ("有1,000人在12:30開會!", "有1,000人在12:30開會！"),
        (
            "Notice: The content above (including the pictures) is posted.",
            "Notice: The content above (including the pictures) is posted.",
        ),
        ("豪車?yán)悾敲丛谶@之前,劇本", "豪車?yán)悾敲丛谶@之前，劇本"),  # the corrupted span is left alone
    ],
)
def test_fullwidth_punctuation(source: str, expected: str) -> None:
    assert fullwidth_punctuation(source, traditional_source=True) == expected


def test_machine_filler_applies_typography_then_opencc() -> None:
    fill = machine_filler("tw2s", "fullwidth", traditional_source=True)
    assert fill is not None
    assert fill("而中國AI,從誕生那天起,脖子上就勒著一根繩子。") == "而中国AI，从诞生那天起，脖子上就勒着一根绳子。"
    keep = machine_filler("tw2s", "keep", traditional_source=True)
    assert keep is not None and keep("中國AI,從") == "中国AI,从"
    assert machine_filler(None, "keep", True) is None


def test_unknown_opencc_configuration() -> None:
    with pytest.raises(ConfigError, match="unknown OpenCC configuration"):
        check_converter("no-such-config")


def test_a_batched_filler_gives_exactly_what_the_filler_gives() -> None:
    article = source.read(Path(__file__).resolve().parents[1] / "source" / "article.md", "article")
    texts = [s.text for s in segment.segment(article).segments()] + ["開著(車)!", "", "English only, (really)?"]
    fill = machine_filler("tw2s", "fullwidth", traditional_source=True)
    assert fill is not None
    fast = batched(fill, "tw2s", "fullwidth", True, texts[:-5])  # the last five are converted on demand
    assert [fast(t) for t in texts] == [fill(t) for t in texts]
