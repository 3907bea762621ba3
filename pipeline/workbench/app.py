"""The workbench's web application: ``create_app``, the routes table and the pages (Jinja2 templates, autoescaped).

The pages are the overview, the editor and an edition; the JSON endpoints are ``api``, the save
``saving``, the state they share (lookups by id, caches, the save lock) ``state``, and what every
handler needs to read a request ``web``. See docs/workbench.md.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from pipeline import operations, qa
from pipeline.editions import assemble, html, templating
from pipeline.editions.review_page import diff
from pipeline.errors import PipelineError
from pipeline.l10n import counts, languages
from pipeline.operations.findings import qa_language
from pipeline.po.model import Entry
from pipeline.text.segment import Segment
from pipeline.workbench import editor, web
from pipeline.workbench import overview as overview_rows
from pipeline.workbench.api import Api
from pipeline.workbench.security import Guard
from pipeline.workbench.state import Workbench
from pipeline.workbench.web import BadRequest
from pipeline.workspace.config import LanguageSettings
from pipeline.workspace.project import Project

STATIC = Path(__file__).parent / "static"
FILTERS = ("all", "untranslated", "fuzzy", "errors")
EDITION_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; base-uri 'none'"


def _templates() -> Environment:
    """The workbench's templates, in the same environment as the editions' (autoescaped, strict)."""
    env = templating.environment("pipeline.workbench")
    env.filters["pct"] = lambda counts: f"{counts.percent:g}"
    return env


def create_app(
    project: Project,
    token: str,
    port: int | None = None,
    codes: tuple[str, ...] = (),
    warm: bool = False,
    compendia: tuple[Path, ...] = (),
    long_lived: bool = False,
) -> Guard:
    """The ASGI application for ``project``, behind the request rules of ``security``.

    ``codes``: the languages the overview shows (default: every one). ``warm``: segment the
    documents, read the catalogs and the dictionary in a background thread now, so that the
    first page a translator opens is served from memory. ``compendia``: files of known translations
    (``.po``, ``.mo``, ``.tmx``) whose entries the suggestions include, as ``update --compendium`` reads them.
    ``long_lived``: a server process (``serve``): what it reads and keeps is kept out of the cyclic GC.
    """
    bench = Workbench(project, compendia, long_lived)
    api = Api(bench)
    if warm:
        threading.Thread(target=bench.warm, daemon=True).start()
    env = _templates()

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(project=project.root.name, **context), status)

    def error_page(exc: PipelineError | BadRequest, status: int) -> HTMLResponse:
        message = exc.format() if isinstance(exc, PipelineError) else exc.message
        return page("error.html", status, message=message)

    # ------------------------------------------------------------ pages

    def overview(request: Request) -> Response:
        errors: dict[str, str] = {}
        try:
            statuses = operations.status(project, codes, remember=False)
        except PipelineError:  # one broken catalog: count the others one by one, show its error in its row
            found = overview_rows.one_by_one(project, codes, bench.catalog_file)
            statuses, errors = found.statuses, found.errors
        query = request.query_params.get("q", "").strip()
        results: list[dict[str, Any]] = []
        if query:
            results = _search(bench, query)
        return page("overview.html", statuses=statuses, errors=errors, query=query, results=results)

    def edit(request: Request) -> Response:
        code = request.path_params["lang"]
        settings = bench.language(code)
        file = bench.document(request.path_params["domain"])
        read, document, places = bench.view(code, file)
        entries = bench.entries(code, file, read)
        machine = bench.machine(settings)
        wanted = request.query_params.get("filter", "all")
        if wanted not in FILTERS:
            raise BadRequest(400, f"unknown filter {wanted!r}: the filters are {', '.join(FILTERS)}")
        try:
            number = int(request.query_params.get("page", "0"))
            at = int(request.query_params.get("at", "-1"))
            after = int(request.query_params.get("after", "-1"))
        except ValueError:
            raise BadRequest(400, "page, at and after must be numbers") from None
        lang = qa_language(project, settings)
        found = editor.chunks(places, _keep(wanted, entries, machine, lang))
        if after >= 0:  # Ctrl+Enter on a page's last segment: the next untranslated or fuzzy one, on its page
            target = editor.next_open(places, entries, machine, after)
            if target is None:  # nothing left to do: the next segment, if there is one
                last = places[-1].first + len(places[-1].block.segments) - 1 if places else 0
                target = min(after + 1, last)
            if wanted != "all" and not _shows(found, target):
                wanted = "all"  # the filter hides it: show it among all the segments
            return RedirectResponse(f"{request.url.path}?filter={wanted}&at={target}", 303)
        cut = editor.pages(found)
        if at >= 0:
            number = editor.page_of(found, cut, at)
        number = max(0, min(number, len(cut) - 1))
        shown = editor.page_items(document, found, cut[number], entries, machine, with_images=wanted == "all")
        details = {row.index: _row_details(bench, settings, row, machine, lang) for row in editor.rows(shown)}
        return page(
            "editor.html",
            lang=code,
            tag=languages.bcp47(code),
            domain=file.domain,
            source_path=project.display(file.path),
            catalog_path=project.display(project.catalog_path(code, file.domain)),
            items=shown,
            details=details,
            page=number,
            pages=len(cut),
            filter=wanted,
            filters=FILTERS,
            source_hash=bench.source_hash(file),
            counts=counts.count(read.catalog, machine),
            total=sum(len(kept) for _, kept in found),
        )

    def edition(request: Request) -> Response:
        code = request.path_params["lang"]
        settings = bench.language(code)
        file = bench.document(request.path_params["domain"])
        document = bench.segmented(file)
        read = bench.catalog_file(code, file)
        translations = {} if read is None else {e.msgid: e.msgstr for e in read.catalog.live if e.translated}
        msgid, draft = request.query_params.get("msgid"), request.query_params.get("draft")
        with_draft = bool(msgid and draft) and any(s.text == msgid for s in document.segments())
        if with_draft:  # the open segment's unsaved text, sent by the page's link
            translations[str(msgid)] = str(draft)
        machine = bench.machine(settings)
        if machine is not None:
            for segment in document.segments():
                translations.setdefault(segment.text, machine(segment.text))
        text = assemble.render(document, translations, languages.is_chinese(code))
        catalog = project.display(project.catalog_path(code, file.domain))
        note = env.get_template("edition-note.html").render(catalog=catalog, with_draft=with_draft)
        response = HTMLResponse(html.page(text, code).replace("<main>", "<main>" + note, 1))
        response.headers["content-security-policy"] = EDITION_CSP
        return response

    # ------------------------------------------------------------ errors and the routes table

    async def on_error(request: Request, exc: Exception) -> Response:
        wants_json = request.url.path.startswith("/api/")
        if isinstance(exc, BadRequest):
            status, message = exc.status, exc.message
        elif isinstance(exc, PipelineError):
            status, message = 422, exc.format()
        elif isinstance(exc, HTTPException):
            status, message = exc.status_code, str(exc.detail)
        else:
            raise exc
        if wants_json:
            return JSONResponse({"error": message}, status)
        return page("error.html", status, message=message)

    def index_redirect(request: Request) -> Response:
        return RedirectResponse("/", 303)

    routes = [
        Route("/", overview),
        Route("/index.html", index_redirect),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/edit/{lang}/{domain:path}", edit),
        Route("/edition/{lang}/{domain:path}", edition),
        Route("/api/save", api.save, methods=["POST"]),
        Route("/api/check", api.check, methods=["POST"]),
        Route("/api/preview", api.preview, methods=["POST"]),
        Route("/api/update", api.update, methods=["POST"]),
        Route("/api/suggest", api.suggest),
        Route("/api/concordance", api.concordance),
        Route("/api/state", api.state),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={BadRequest: on_error, PipelineError: on_error, HTTPException: on_error},
    )
    _ = error_page
    return Guard(app, token, port)


def _row_details(
    bench: Workbench, settings: LanguageSettings, row: editor.Row, machine: editor.MachineFill | None, lang: qa.Language
) -> dict[str, Any]:
    entry = row.entry
    project = bench.project
    return {
        "spans": editor.source_spans(row.segment.text, project.glossary, settings.code, project.traditional_source),
        "version": editor.version(entry),
        "comment": editor.person_comment(entry),
        "notes": editor.tool_notes(entry),
        "diff": diff(entry.previous_msgid, row.segment.text)
        if entry is not None and entry.fuzzy and entry.previous_msgid
        else "",
        "findings": web.findings(entry, lang) if entry is not None and qa.checked(entry, lang.machine) else [],
    }


def _keep(
    wanted: str, entries: dict[str, Entry], machine: editor.MachineFill | None, lang: qa.Language
) -> Callable[[Segment], bool] | None:
    """Which segments a filter shows: None for all; untranslated, fuzzy, or those whose entry has an error."""
    if wanted == "all":
        return None
    if wanted == "errors":

        def has_error(segment: Segment) -> bool:
            entry = entries.get(segment.text)
            if entry is None or not qa.checked(entry, lang.machine):
                return False
            return any(f["severity"] == qa.ERROR for f in web.findings(entry, lang))

        return has_error
    return lambda segment: editor.state_of(entries.get(segment.text), machine) == wanted


def _shows(found: tuple[editor.Chunk, ...], index: int) -> bool:
    return any(place.first + i == index for place, kept in found for i in kept)


def _search(bench: Workbench, query: str) -> list[dict[str, Any]]:
    """Segments whose source or translation contains ``query``, in every language and document (first 100)."""
    needle = query.casefold()
    project = bench.project
    out: list[dict[str, Any]] = []
    for code in project.config.language_codes:
        for file in project.documents():
            try:
                read = bench.catalog_file(code, file)
            except PipelineError:  # a broken catalog: its row in the overview says so
                continue
            if read is None:
                continue
            document = bench.segmented(file)
            index = {s.text: i for i, s in reversed(list(enumerate(document.segments())))}
            for entry in read.catalog.live:
                if needle in entry.msgid.casefold() or needle in entry.msgstr.casefold():
                    out.append(
                        {
                            "lang": code,
                            "doc": file.domain,
                            "at": index.get(entry.msgid, 0),
                            "source": entry.msgid,
                            "target": entry.msgstr,
                        }
                    )
                    if len(out) >= 100:
                        return out
    return out
