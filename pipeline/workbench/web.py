"""What the pages and the JSON API share: ``BadRequest``, reading a request's JSON, findings as JSON.

Documents and languages are chosen by id — a configured language code and a document's
domain, looked up in the project's own lists (``state.Workbench``) — never by a path from the client.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from pipeline import qa
from pipeline.po.model import Entry
from pipeline.workbench.security import MAX_BODY, BodyTooLarge
from pipeline.workspace.config import LanguageSettings
from pipeline.workspace.project import DocumentFile

if TYPE_CHECKING:
    from pipeline.workbench.state import Workbench


class BadRequest(Exception):
    """A request the workbench cannot serve: an HTTP status and one line saying why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def json_body(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise BadRequest(400, "the body must be a JSON object")
    return data


async def body(request: Request) -> dict[str, Any]:
    try:
        return json_body(await request.json())
    except ValueError:
        raise BadRequest(400, "the body is not JSON") from None
    except BodyTooLarge:
        raise BadRequest(413, f"request body larger than {MAX_BODY} bytes") from None


def text(data: dict[str, Any], name: str, default: str | None = None) -> str:
    value = data.get(name, default)
    if not isinstance(value, str):
        raise BadRequest(400, f"{name!r} must be a string")
    return value


def target(bench: Workbench, data: dict[str, Any]) -> tuple[str, DocumentFile, LanguageSettings]:
    code = text(data, "lang")
    settings = bench.language(code)
    return code, bench.document(text(data, "doc")), settings


async def in_thread(work: Any) -> Response:
    from starlette.concurrency import run_in_threadpool

    result: Response = await run_in_threadpool(work)
    return result


def findings(entry: Entry, lang: qa.Language) -> list[dict[str, str]]:
    return [
        {"check": check.id, "severity": check.severity, "message": message}
        for check, message in (qa.check_entry(entry, lang) if entry.has_translation else [])
    ]
