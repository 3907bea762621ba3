"""The workbench's web application: pages from Jinja2 templates (autoescaped) and a small JSON API.

Documents and languages are chosen by id — a configured language code and a document's
domain, looked up in the project's own lists — never by a path from the client. Catalogs are
read from disk on every request (Poedit, ``update`` or ``git pull`` may change them at any
time); a save takes the project lock only for its own read-modify-write, writes atomically
through ``fs`` with the fingerprint of the bytes it read, and changes one entry: see ``editor``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import threading
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from pipeline import operations, qa
from pipeline.editions import assemble, html
from pipeline.editions.review_page import diff
from pipeline.errors import PipelineError
from pipeline.l10n import counts, languages
from pipeline.operations.findings import qa_language
from pipeline.po import file as po_file
from pipeline.po.model import Catalog, Entry
from pipeline.po.write import render
from pipeline.text.segment import Block
from pipeline.workbench import editor, helpers
from pipeline.workbench import overview as overview_rows
from pipeline.workbench.security import MAX_BODY, BodyTooLarge, Guard
from pipeline.workspace import fs
from pipeline.workspace.config import LanguageSettings
from pipeline.workspace.project import DocumentFile, Project, timestamp

STATIC = Path(__file__).parent / "static"
EDITION_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; base-uri 'none'"


class BadRequest(Exception):
    """A request the workbench cannot serve: an HTTP status and one line saying why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Workbench:
    """The state of one running workbench: the project, caches of what was read, the save lock."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.save_lock = threading.Lock()
        self._documents: dict[str, tuple[str, Any]] = {}  # domain -> (source hash, Document)
        self._memory: dict[str, tuple[tuple[object, ...], list[helpers.Pair]]] = {}
        self._catalogs: dict[Path, po_file.CatalogFile] = {}
        self._items: dict[tuple[str, str], tuple[tuple[str, str], tuple[editor.Item, ...]]] = {}

    # ------------------------------------------------------------ lookups by id

    def language(self, code: str) -> LanguageSettings:
        if code not in self.project.config.language_codes:
            raise BadRequest(404, f"no such language in this project: {code!r}")
        return self.project.target(code)

    def document(self, domain: str) -> DocumentFile:
        for file in self.project.documents():
            if file.domain == domain:
                return file
        raise BadRequest(404, f"no such document in this project: {domain!r}")

    def source_hash(self, file: DocumentFile) -> str:
        return hashlib.sha256(self.project.source_bytes(file)).hexdigest()[:20]

    def segmented(self, file: DocumentFile) -> Any:
        data = self.project.source_bytes(file)
        digest = hashlib.sha256(data).hexdigest()[:20]
        cached = self._documents.get(file.domain)
        if cached is None or cached[0] != digest:
            cached = (digest, self.project.segmented(file, data))
            self._documents[file.domain] = cached
        return cached[1]

    def catalog_file(self, code: str, file: DocumentFile) -> po_file.CatalogFile | None:
        return self.load(self.project.catalog_path(code, file.domain))

    def load(self, path: Path) -> po_file.CatalogFile | None:
        return self.load_bytes(path)[0]

    def load_bytes(self, path: Path) -> tuple[po_file.CatalogFile | None, bytes]:
        """The catalog at ``path`` as it is on disk now; parsed again only when its bytes changed.

        The bytes are read and hashed every time (milliseconds for 50,000 entries); the parse,
        ten times that, is kept per content hash, so it can never be stale.
        """
        found = self.project.load_catalog(path, self._catalogs.get(path))
        if found is None:
            return None, b""
        self._catalogs[path] = found
        return found, found.data

    def machine(self, settings: LanguageSettings) -> editor.MachineFill | None:
        return self.project.machine(settings)

    def remember(self, path: Path, written: Catalog, data: bytes) -> None:
        """The catalog just written to ``path`` as ``data``: the next read need not parse it again."""
        self._catalogs[path] = po_file.written(written, data)

    def items(self, code: str, file: DocumentFile) -> tuple[po_file.CatalogFile, tuple[editor.Item, ...]]:
        """The catalog now on disk and the document's rows with its entries (kept while neither changes)."""
        document = self.segmented(file)
        read = self.catalog_file(code, file)
        if read is None:
            shown = self.project.display(self.project.catalog_path(code, file.domain))
            raise BadRequest(404, f"{shown}: no catalog yet; run `{self.project.program} update` first")
        key = (self._documents[file.domain][0], read.fingerprint)
        cached = self._items.get((code, file.domain))
        if cached is None or cached[0] != key:
            found = editor.items(document, read.catalog, self.machine(self.project.target(code)))
            cached = (key, found)
            self._items[(code, file.domain)] = cached
        return read, cached[1]

    def warm(self) -> None:
        """Read the dictionary, segment every document and read its catalogs now (``serve``: in the background)."""
        helpers.dictionary()
        for file in self.project.documents():
            for code in self.project.config.language_codes:
                with contextlib.suppress(PipelineError, BadRequest):  # shown when the page is asked for
                    self.items(code, file)

    def memory(self, code: str) -> list[helpers.Pair]:
        """Every translated entry of the language: documents' catalogs, then orphaned ones (re-read when changed)."""
        files = self.project.documents()
        paths = [self.project.catalog_path(code, f.domain) for f in files]
        paths += [o.path for o in self.project.orphan_catalogs(code, files)]
        key = tuple((str(p), *_signature(p)) for p in paths)
        cached = self._memory.get(code)
        if cached is not None and cached[0] == key:
            return cached[1]
        pairs: list[helpers.Pair] = []
        for path in paths:
            if not path.exists():
                continue
            shown = self.project.display(path)
            found = self.load(path)
            if found is not None:
                pairs += [helpers.Pair(s, t, shown) for s, t in operations.memory.memory_pairs(found.catalog)]
        self._memory[code] = (key, pairs)
        return pairs


def _signature(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, -1)
    return (stat.st_mtime_ns, stat.st_size)


def _templates() -> Environment:
    env = Environment(
        loader=PackageLoader("pipeline.workbench", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda counts: f"{counts.percent:g}"
    return env


def _json_body(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise BadRequest(400, "the body must be a JSON object")
    return data


def _text(data: dict[str, Any], name: str, default: str | None = None) -> str:
    value = data.get(name, default)
    if not isinstance(value, str):
        raise BadRequest(400, f"{name!r} must be a string")
    return value


def create_app(
    project: Project, token: str, port: int | None = None, codes: tuple[str, ...] = (), warm: bool = False
) -> Guard:
    """The ASGI application for ``project``, behind the request rules of ``security``.

    ``codes``: the languages the overview shows (default: every one). ``warm``: segment the
    documents, read the catalogs and the dictionary in a background thread now, so that the
    first page a translator opens is served from memory.
    """
    bench = Workbench(project)
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
        read, found = bench.items(code, file)
        machine = bench.machine(settings)
        wanted = request.query_params.get("filter", "all")
        if wanted not in ("all", "untranslated", "fuzzy", "errors"):
            raise BadRequest(400, f"unknown filter {wanted!r}")
        lang = qa_language(project, settings)
        errors: set[str] = set()
        if wanted == "errors":
            errors = {e.msgid for e in read.catalog.live if qa.checked(e, lang.machine) and qa.check_entry(e, lang)}
        if wanted != "all":
            found = _filtered(found, wanted, errors)
        cut = editor.pages(found)
        try:
            number = int(request.query_params.get("page", "0"))
            at = int(request.query_params.get("at", "-1"))
        except ValueError:
            raise BadRequest(400, "page and at must be numbers") from None
        if at >= 0:
            number = editor.page_of(cut, at)
        number = max(0, min(number, len(cut) - 1))
        shown = cut[number]
        rows = []
        for item in shown:
            if isinstance(item, editor.Paragraph):
                for row in item.rows:
                    rows.append(row)
        details = {row.index: _row_details(bench, settings, row, machine, lang) for row in rows}
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
            source_hash=bench.source_hash(file),
            counts=counts.count(read.catalog, machine),
            total=sum(1 for _ in editor.rows(found)),
        )

    def edition(request: Request) -> Response:
        code = request.path_params["lang"]
        settings = bench.language(code)
        file = bench.document(request.path_params["domain"])
        document = bench.segmented(file)
        read = bench.catalog_file(code, file)
        translations = {} if read is None else {e.msgid: e.msgstr for e in read.catalog.live if e.translated}
        machine = bench.machine(settings)
        if machine is not None:
            for segment in document.segments():
                translations.setdefault(segment.text, machine(segment.text))
        text = assemble.render(document, translations, languages.is_chinese(code))
        response = HTMLResponse(html.page(text, code))
        response.headers["content-security-policy"] = EDITION_CSP
        return response

    # ------------------------------------------------------------ the API

    async def body(request: Request) -> dict[str, Any]:
        try:
            return _json_body(await request.json())
        except ValueError:
            raise BadRequest(400, "the body is not JSON") from None
        except BodyTooLarge:
            raise BadRequest(413, f"request body larger than {MAX_BODY} bytes") from None

    async def save(request: Request) -> Response:
        data = await body(request)
        return await _in_thread(lambda: _save(bench, data))

    async def check(request: Request) -> Response:
        data = await body(request)
        code, file, settings = _target(bench, data)
        msgid = _text(data, "msgid")
        read = bench.catalog_file(code, file)
        entry = editor.find_entry(read.catalog, msgid) if read is not None else None
        if entry is None:
            raise BadRequest(404, f"no such entry in the catalog (run `{bench.project.program} update`?)")
        draft = editor.Edit(msgid, "", _text(data, "msgstr"), editor.person_comment(entry), False)
        edited = editor.edited_entry(entry, draft, bench.machine(settings))
        return JSONResponse({"findings": _findings(edited, qa_language(project, settings))})

    def suggest(request: Request) -> Response:
        code, file, _ = _target(bench, dict(request.query_params))
        msgid = request.query_params.get("msgid", "")
        memory = [
            p for p in bench.memory(code) if not (p.source == msgid and p.origin == _catalog_shown(bench, code, file))
        ]
        found = helpers.suggestions(msgid, memory)
        terms = project.glossary.matches(msgid, code)
        glosses = helpers.dictionary().glosses(msgid) if languages.is_chinese(project.config.source_language) else ()
        return JSONResponse(
            {
                "suggestions": [dataclasses.asdict(s) for s in found],
                "glossary": [{"source": t.source, "target": t.target, "note": t.note} for t in terms],
                "dictionary": [dataclasses.asdict(g) for g in glosses],
            }
        )

    def concordance(request: Request) -> Response:
        code = request.query_params.get("lang", "")
        bench.language(code)
        word = request.query_params.get("q", "")
        return JSONResponse({"hits": [dataclasses.asdict(p) for p in helpers.concordance(word, bench.memory(code))]})

    async def preview(request: Request) -> Response:
        data = await body(request)
        code, file, settings = _target(bench, data)
        msgid = _text(data, "msgid")
        document = bench.segmented(file)
        read = bench.catalog_file(code, file)
        translations = {} if read is None else {e.msgid: e.msgstr for e in read.catalog.live if e.translated}
        draft = _text(data, "msgstr")
        if draft:
            translations[msgid] = draft
        machine = bench.machine(settings)
        for number, parts in enumerate(document.lines):
            if any(isinstance(p, Block) and any(s.text == msgid for s in p.segments) for p in parts):
                if machine is not None:
                    for p in parts:
                        if isinstance(p, Block):
                            for s in p.segments:
                                translations.setdefault(s.text, machine(s.text))
                line = dataclasses.replace(
                    document,
                    lines=(parts,),
                    source=dataclasses.replace(
                        document.source, lines=(document.source.lines[number],), endings=("",), bom=False
                    ),
                )
                text = assemble.render(line, translations, languages.is_chinese(code))
                return JSONResponse({"html": html.body(text)})
        raise BadRequest(404, "no such segment in the document")

    def state(request: Request) -> Response:
        code, file, _ = _target(bench, dict(request.query_params))
        path = project.catalog_path(code, file.domain)
        return JSONResponse({"source": bench.source_hash(file), "catalog": "".join(map(str, _signature(path)))})

    async def run_update(request: Request) -> Response:
        data = await body(request)
        code = _text(data, "lang")
        bench.language(code)

        def work() -> Response:
            with bench.save_lock:
                result = operations.update(project, (code,))
            changed = [c.path for c in result.catalogs if c.changed]
            return JSONResponse({"changed": changed})

        return await _in_thread(work)

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
        Route("/api/save", save, methods=["POST"]),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/preview", preview, methods=["POST"]),
        Route("/api/update", run_update, methods=["POST"]),
        Route("/api/suggest", suggest),
        Route("/api/concordance", concordance),
        Route("/api/state", state),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={BadRequest: on_error, PipelineError: on_error, HTTPException: on_error},
    )
    _ = error_page
    return Guard(app, token, port)


async def _in_thread(work: Any) -> Response:
    from starlette.concurrency import run_in_threadpool

    result: Response = await run_in_threadpool(work)
    return result


def _catalog_shown(bench: Workbench, code: str, file: DocumentFile) -> str:
    return bench.project.display(bench.project.catalog_path(code, file.domain))


def _target(bench: Workbench, data: dict[str, Any]) -> tuple[str, DocumentFile, LanguageSettings]:
    code = _text(data, "lang")
    settings = bench.language(code)
    return code, bench.document(_text(data, "doc")), settings


def _findings(entry: Entry, lang: qa.Language) -> list[dict[str, str]]:
    return [
        {"check": check.id, "severity": check.severity, "message": message}
        for check, message in (qa.check_entry(entry, lang) if entry.has_translation else [])
    ]


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
        "findings": _findings(entry, lang) if entry is not None and qa.checked(entry, lang.machine) else [],
    }


def _filtered(found: tuple[editor.Item, ...], wanted: str, errors: set[str]) -> tuple[editor.Item, ...]:
    out: list[editor.Item] = []
    for item in found:
        if not isinstance(item, editor.Paragraph):
            continue
        kept = tuple(
            row
            for row in item.rows
            if (wanted == "errors" and row.segment.text in errors) or (wanted != "errors" and row.state == wanted)
        )
        if kept:
            out.append(editor.Paragraph(item.kind, kept))
    return tuple(out)


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


def _save(bench: Workbench, data: dict[str, Any]) -> Response:
    """One save: under the project lock, read the catalog now on disk, change one entry, write atomically."""
    project = bench.project
    code, file, settings = _target(bench, data)
    fuzzy = data.get("fuzzy", False)
    if not isinstance(fuzzy, bool):
        raise BadRequest(400, "'fuzzy' must be true or false")
    edit = editor.Edit(
        _text(data, "msgid"), _text(data, "base"), _text(data, "msgstr"), _text(data, "comment", ""), fuzzy
    )
    path = project.catalog_path(code, file.domain)
    shown = project.display(path)
    machine = bench.machine(settings)
    with bench.save_lock, project.locked():
        read, raw = bench.load_bytes(path)
        if read is None:
            raise BadRequest(404, f"{shown}: no catalog; run `{project.program} update` first")
        try:
            changed, entry = editor.apply_save(read.catalog, edit, machine)
        except editor.EntryConflict as conflict:
            current = conflict.current
            return JSONResponse(
                {
                    "error": "this entry was changed by someone else since you opened it: choose a text",
                    "theirs": None if current is None else _entry_json(current, machine),
                    "yours": {"msgstr": edit.msgstr, "comment": edit.comment, "fuzzy": edit.fuzzy},
                },
                409,
            )
        old = editor.find_entry(read.catalog, edit.msgid)
        dated, now = changed.header_value(editor.REVISION), timestamp()
        if entry != old and dated is not None:  # a person's change: the translation's date moves on
            changed = changed.with_header(editor.REVISION, now)
        written, _ = po_file.prepare(read, changed)
        spliced = None
        if old is not None and written is changed and _plain_utf8(read):
            spliced = editor.splice(raw, old, entry)  # the very bytes that were parsed
            if spliced is not None and entry != old and dated is not None:
                spliced = editor.stamp_header(spliced, dated, now)
        content = spliced if spliced is not None else render(written).encode("utf-8")
        fs.write_if_changed(path, content, shown, read.fingerprint)
        bench.remember(path, written, content)
    lang = qa_language(project, settings)
    return JSONResponse(
        {
            "ok": True,
            **_entry_json(entry, machine),
            "findings": _findings(entry, lang) if qa.checked(entry, lang.machine) else [],
        }
    )


def _plain_utf8(read: po_file.CatalogFile) -> bool:
    """A file the write does not convert (UTF-8 header, no BOM, LF): one entry's block may be replaced in it."""
    return po_file.prepare(read, read.catalog)[0] is read.catalog and not read.bom and not read.crlf


def _entry_json(entry: Entry, machine: editor.MachineFill | None) -> dict[str, Any]:
    from pipeline.l10n.counts import status_of

    return {
        "msgstr": entry.msgstr,
        "comment": editor.person_comment(entry),
        "fuzzy": entry.fuzzy,
        "version": editor.version(entry),
        "state": editor.STATES[status_of(entry, machine)],
    }
