"""Fixtures shared by the merge tests of this folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.text.gloss import strip_glosses
from tests.l10n.test_merge_scenarios import TRANSLATIONS, translate, update


@pytest.fixture
def translated(project_dir: Path) -> Path:
    """The article without its pinyin glosses (so edits are plain replacements), translated in part."""
    article = project_dir / "source" / "article.md"
    article.write_text(strip_glosses(article.read_text(encoding="utf-8")), encoding="utf-8")
    update(project_dir)
    translate(project_dir, TRANSLATIONS)
    return project_dir
