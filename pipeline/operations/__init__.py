"""The commands as functions: init, extract, update, status, check (with the quality checks), build, review.

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
  ``status``, ``check`` (and ``quality``, the quality checks), ``build``, ``review``;
  ``init`` makes a new project (it needs none).

This package re-exports the commands and the records they return, so callers write
``operations.update(project)``. Each command module has the name of its function, so
``operations.status`` is the function, not the module: import from a module by its full
name (``from pipeline.operations.status import SORTS``). The pipeline's stages of the same
names are ``pipeline.l10n.template``, ``pipeline.l10n.counts`` and ``pipeline.editions.review_page``.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what the names are, for the type checker; at run time each is imported on first use
    from pipeline.operations.build import FORMATS, BuildResult, build
    from pipeline.operations.check import CheckResult, check, quality
    from pipeline.operations.extract import ExtractResult, extract
    from pipeline.operations.init import InitResult, init
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
    from pipeline.operations.status import DocumentStatus, LanguageStatus, status
    from pipeline.operations.update import UpdateResult, update
    from pipeline.operations.verdicts import Problem

SORTS = ("name", "completeness")  # orders of the documents in a status: by domain; least complete first

# The module each name comes from: a command imports only what it uses (start-up time, issue 14).
_WHERE = {
    "BuildResult": "build",
    "BuiltDocument": "records",
    "CatalogPlan": "plan",
    "CatalogResult": "records",
    "CheckResult": "check",
    "DocumentOutcome": "records",
    "DocumentPlan": "plan",
    "DocumentStatus": "status",
    "ExtractResult": "extract",
    "FORMATS": "build",
    "FileResult": "records",
    "InitResult": "init",
    "LanguageStatus": "status",
    "PlannedFile": "plan",
    "Problem": "verdicts",
    "ReviewPage": "records",
    "ReviewResult": "review",
    "RunStats": "records",
    "UpdateResult": "update",
    "Work": "records",
    "build": "build",
    "check": "check",
    "extract": "extract",
    "init": "init",
    "plan_catalog": "plan",
    "plan_document": "plan",
    "plan_documents": "plan",
    "quality": "check",
    "review": "review",
    "status": "status",
    "translation_memory": "memory",
    "update": "update",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """This package, whose command names stay the functions when their modules are imported.

    Importing ``pipeline.operations.update`` binds ``update`` on the package to the module;
    the eager imports this package had overwrote that with the function. Lazily, that
    binding is refused instead, so ``operations.update`` is always the function.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, types.ModuleType) and _WHERE.get(name) == name:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

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
    "InitResult",
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
    "init",
    "plan_catalog",
    "plan_document",
    "plan_documents",
    "quality",
    "review",
    "status",
    "translation_memory",
    "update",
]
