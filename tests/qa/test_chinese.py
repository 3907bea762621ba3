"""The ``untranslated-copy``, ``cjk-left`` and ``traditional-left`` checks."""

from __future__ import annotations

from tests.qa.sentences import EN, NOTICE, SMITH, TW2S, VILLAGES, WIND, WIND_EN, ZH_HANS, fired


def test_untranslated_copy() -> None:
    assert fired("untranslated-copy", WIND, WIND) == "the translation is a copy of the Chinese source"
    assert fired("untranslated-copy", WIND, " 可現在, 風向變了。") != ""
    assert fired("untranslated-copy", WIND, WIND_EN) == ""
    assert fired("untranslated-copy", NOTICE, NOTICE) == ""  # an English source copied into English is right
    assert fired("untranslated-copy", WIND, "可现在，风向变了。", ZH_HANS) == ""


def test_cjk_left() -> None:
    assert fired("cjk-left", WIND, "But now the 風向 has changed.").startswith(
        "Chinese left in the translation: “風向”"
    )
    assert fired("cjk-left", WIND, "But now，the wind has changed。") != ""  # CJK punctuation
    assert fired("cjk-left", WIND, WIND_EN) == ""
    assert fired("cjk-left", WIND, WIND) == ""  # a plain copy: untranslated-copy reports it, once
    assert fired("cjk-left", WIND, "可现在，风向变了。", ZH_HANS) == ""


def test_cjk_left_allows_quoted_chinese_with_the_keep_chinese_flag() -> None:
    quoted = "This “農村包圍城市” (encircle the cities from the countryside) posture alarmed Smith."
    assert fired("cjk-left", VILLAGES, quoted) != ""
    assert fired("cjk-left", VILLAGES, quoted, flags=("keep-chinese",)) == ""
    assert fired("cjk-left", SMITH, "Brad Smith told the 《金融時報》.", flags=("keep-chinese",)) == ""
    sloppy = "This “農村包圍城市” posture alarmed Smith: American AI is losing its future 用戶."
    assert fired("cjk-left", VILLAGES, sloppy, flags=("keep-chinese",)).endswith(
        "“用戶” (flag keep-chinese if quoted on purpose)"
    )


def test_traditional_left() -> None:
    source = "而中國AI,從誕生那天起,脖子上就勒著一根叫“芯片禁令”的繩子。"
    assert TW2S is not None
    assert fired("traditional-left", source, TW2S(source), ZH_HANS) == ""
    bad = "而中国AI，从诞生那天起，脖子上就勒著一根叫“芯片禁令”的繩子。"
    assert fired("traditional-left", source, bad, ZH_HANS) == "Traditional characters left: 著→着, 繩→绳"
    assert fired("traditional-left", "著名的著作", "著名的著作", ZH_HANS) == ""  # 著 is right here
    assert fired("traditional-left", source, bad, EN) == ""  # only Simplified editions


def test_traditional_left_ignores_code_and_urls() -> None:
    """The machine fill keeps code spans, URLs and reference labels as they are: not Traditional leftovers."""
    source = "執行 `開著()` 後,見[維基](https://zh.wikipedia.org/wiki/臺灣)與[說明][參考資料]。"
    assert TW2S is not None
    converted = TW2S(source)
    assert "`開著()`" in converted and "wiki/臺灣)" in converted and "[参考资料]" not in converted
    assert fired("traditional-left", source, converted, ZH_HANS) == ""
    assert (
        fired("traditional-left", source, converted.replace("后", "後"), ZH_HANS)
        == "Traditional characters left: 後→后"
    )
