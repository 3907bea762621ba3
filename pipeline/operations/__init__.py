"""The commands as functions: extract, update, status, check (with the quality checks), build, review.

Each reads what it needs through ``Project``, calls the pure stages, writes atomically
through ``fs`` and returns a frozen result record. Nothing here prints.

Where things live, from the bottom up (each module imports only those above it):

- ``plan``: planning in memory — the files a document's template and catalogs would
  become (``PlannedFile``, ``DocumentPlan``, ``CatalogPlan``), and ``merging``, the
  read-merge-write under the project lock that runs once more when a catalog changed on
  disk meanwhile.
- ``records``: what the commands report — ``Work`` to do on every document, the per-file
  records (``FileResult``, ``CatalogResult``, ``BuiltDocument``), a document's outcome, and
  ``outputs``, the one list of the files a document's work makes.
- ``memory``: the translation memory of each language.
- ``worker``: what a command makes of one document (on a worker process).
- ``runner``: the work on every document, with the cache and the worker processes.
- one module per command, each with its result records: ``extract``, ``update``,
  ``status``, ``check`` (and ``quality``, the quality checks), ``build``, ``review``.

This package re-exports the commands and the records they return, so callers write
``operations.update(project)``. Each command module has the name of its function, so
``operations.status`` is the function, not the module: import from a module by its full
name (``from pipeline.operations.status import SORTS``). The pipeline's stages of the same
names are ``pipeline.l10n.template``, ``pipeline.l10n.counts`` and ``pipeline.editions.review_page``.
"""

from __future__ import annotations

from pipeline.operations.build import FORMATS, BuildResult, build
from pipeline.operations.check import CheckResult, check, quality
from pipeline.operations.extract import ExtractResult, extract
from pipeline.operations.memory import translation_memory
from pipeline.operations.plan import (
    CatalogPlan,
    DocumentPlan,
    PlannedFile,
    plan_catalog,
    plan_document,
    plan_documents,
)
from pipeline.operations.records import (
    BuiltDocument,
    CatalogResult,
    DocumentOutcome,
    FileResult,
    ReviewPage,
    RunStats,
    Work,
)
from pipeline.operations.review import ReviewResult, review
from pipeline.operations.status import SORTS, DocumentStatus, LanguageStatus, status
from pipeline.operations.update import UpdateResult, update
from pipeline.operations.verdicts import Problem

__all__ = [
    "FORMATS",
    "SORTS",
    "BuildResult",
    "BuiltDocument",
    "CatalogPlan",
    "CatalogResult",
    "CheckResult",
    "DocumentOutcome",
    "DocumentPlan",
    "DocumentStatus",
    "ExtractResult",
    "FileResult",
    "LanguageStatus",
    "PlannedFile",
    "Problem",
    "ReviewPage",
    "ReviewResult",
    "RunStats",
    "UpdateResult",
    "Work",
    "build",
    "check",
    "extract",
    "plan_catalog",
    "plan_document",
    "plan_documents",
    "quality",
    "review",
    "status",
    "translation_memory",
    "update",
]
