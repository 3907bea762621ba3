"""Language codes: what people type, what babel knows, what is configured."""

from __future__ import annotations

import pytest

from pipeline.errors import LanguageError
from pipeline.l10n import languages


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("zh_Hans", "zh_Hans"), ("zh-Hans", "zh_Hans"), ("zh_hans", "zh_Hans"), ("EN", "en"), ("pt-BR", "pt_BR")],
)
def test_canonical(typed: str, expected: str) -> None:
    assert languages.canonical(typed) == expected


@pytest.mark.parametrize("typed", ["../x", "/etc", "en/../../x", "", " en", "x" * 300, "en\x00", "qq"])
def test_refused(typed: str) -> None:
    with pytest.raises(LanguageError):
        languages.canonical(typed)


def test_bcp47_and_plural_forms() -> None:
    assert languages.bcp47("zh_Hant") == "zh-Hant"
    assert languages.plural_forms("zh_Hans") == "nplurals=1; plural=0;"
    assert languages.plural_forms("en") == "nplurals=2; plural=(n != 1);"


def test_resolve_lists_configured_languages() -> None:
    assert languages.resolve("zh-hans", ("zh_Hans", "en")) == "zh_Hans"
    with pytest.raises(LanguageError, match="configured languages: zh_Hans, en"):
        languages.resolve("fr", ("zh_Hans", "en"))


def test_is_chinese() -> None:
    assert languages.is_chinese("zh_Hans") and languages.is_chinese("zh-Hant")
    assert not languages.is_chinese("en")
