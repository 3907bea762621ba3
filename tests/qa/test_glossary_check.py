"""The ``glossary`` check: a glossary term is translated with the agreed term."""

from __future__ import annotations

from pipeline import qa
from pipeline.l10n.glossary import Glossary, Term
from tests.qa.sentences import HUGGING, HUGGING_EN, SMITH, SMITH_EN, fired

GLOSSARY = Glossary(
    (
        Term("微軟", "en", "Microsoft"),
        Term("布拉德·史密斯", "en", "Brad Smith"),
        Term("史密斯", "en", "Smith"),
        Term("《金融時報》", "en", "*Financial Times*"),
        Term("《金融時報》", "zh_Hans", "《金融时报》"),
        Term("開源", "en", "open source"),
    )
)


def test_glossary_check() -> None:
    language = qa.language("en", glossary=GLOSSARY)
    assert fired("glossary", SMITH, SMITH_EN, language) == ""
    bad = "Microsoft's president Brad Smith could not hide his anxiety when he spoke to the FT."
    assert fired("glossary", SMITH, bad, language) == "《金融時報》 should be “*Financial Times*”"
    assert fired("glossary", HUGGING, HUGGING_EN, language) == ""  # "open-source" uses "open source"
    assert (
        fired(
            "glossary",
            SMITH,
            "微软总裁布拉德·史密斯在接受《金融时报》采访时",
            qa.language("zh_Hans", glossary=GLOSSARY),
        )
        == ""
    )
    assert fired(
        "glossary", SMITH, "微软总裁布拉德·史密斯在接受《金融时報》采访时", qa.language("zh_Hans", glossary=GLOSSARY)
    )
