"""A mistyped ``ignore-<id>`` flag: it silenced nothing and said nothing (``#, ignore-number``)."""

from __future__ import annotations

from pipeline import qa
from pipeline.po.parse import parse
from tests.qa.sentences import EN, R1

BAD = "But DeepSeek's model cost only $29 to train."


def catalog(flags: str) -> str:
    return f"""\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

#: source/article.md:13
#, {flags}
msgid "{R1}"
msgstr "{BAD}"
"""


def findings(flags: str) -> list[tuple[str, str, str]]:
    found = qa.check_catalog(parse(catalog(flags), "x.po"), "x.po", EN)
    return [(f.check, f.severity, f.message) for f in found]


def test_a_near_miss_of_a_check_id_is_a_warning_naming_the_flag_meant() -> None:
    found = findings("ignore-number, ignore-names")
    assert ("numbers", "warning") in [(check, severity) for check, severity, _ in found]  # still fires
    (typo,) = [f for f in found if f[0] == "ignore-flag"]
    assert typo[1] == "warning"
    assert typo[2] == "the flag ignore-number silences no check: did you mean ignore-numbers?"


def test_the_right_flags_and_other_tools_flags_say_nothing() -> None:
    # Weblate's own checks (ignore-same, ignore-end-stop) are not near misses of ours
    found = findings("ignore-numbers, ignore-names, ignore-same, ignore-end-stop, python-format")
    assert found == []
