"""What the quality checks (``pipeline.qa``) know of a target language, and their findings per entry.

``check`` runs the checks over whole catalogs; the review page (``worker``) and the
workbench show their findings under the entries they concern.
"""

from __future__ import annotations

from pipeline import qa
from pipeline.editions.review_page import Findings
from pipeline.po.model import Catalog
from pipeline.workspace.config import LanguageSettings
from pipeline.workspace.project import Project


def qa_language(project: Project, settings: LanguageSettings) -> qa.Language:
    """What the quality checks need to know about one target language (the review page uses it too)."""
    return qa.language(
        settings.code,
        settings.converter,
        traditional_source=project.traditional_source,
        names=project.config.allowed_names(settings),
        glossary=project.glossary,
    )


def findings_by_msgid(project: Project, settings: LanguageSettings, found: Catalog) -> Findings:
    """The quality checks' messages for each checked entry of one catalog, for the review page."""
    target = qa_language(project, settings)
    messages: dict[str, tuple[str, ...]] = {}
    for entry in found.live:
        if qa.checked(entry, target.machine):
            fired = [f"{check.severity} [{check.id}]: {message}" for check, message in qa.check_entry(entry, target)]
            if fired:
                messages[entry.msgid] = tuple(fired)
    return messages
