"""Quality checks on translations, in the style of translate-toolkit's checks (docs/checks.md).

- ``engine``: the registry, ``Check``, ``Finding``, severities, ``Language``, ``check_entry``
  and ``check_catalog``;
- ``checks/``: the checks, each in the module named after its id (``checks/__init__`` lists them);
- ``reading``: how the checks read a text (its inline Markdown, as ``pipeline.markdown.inline`` scans it);
- ``numbers``: reading numbers in Chinese and in translations.

Importing ``pipeline.qa`` registers every check.
"""

from pipeline.qa import checks as checks
from pipeline.qa.engine import (
    CHECKS,
    ERROR,
    IGNORE_PREFIX,
    KEEP_CHINESE,
    WARNING,
    Check,
    Finding,
    Language,
    Severity,
    check_catalog,
    check_entry,
    checked,
    excerpt,
    language,
    register,
)

__all__ = [
    "CHECKS",
    "ERROR",
    "IGNORE_PREFIX",
    "KEEP_CHINESE",
    "WARNING",
    "Check",
    "Finding",
    "Language",
    "Severity",
    "check_catalog",
    "check_entry",
    "checked",
    "excerpt",
    "language",
    "register",
]
