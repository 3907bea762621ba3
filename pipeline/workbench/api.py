"""The workbench's JSON API (``/api/...``): save, live checks, the side panel, preview, state, update.

Every handler is a method of ``Api``, bound to one running workbench; ``app`` lists them in its
routes table. The save itself is ``saving``; the side panel's lookups are ``helpers``.
"""

from __future__ import annotations

import dataclasses

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from pipeline import operations
from pipeline.editions import assemble, html
from pipeline.l10n import languages
from pipeline.operations.findings import qa_language
from pipeline.text.segment import Block
from pipeline.workbench import editor, helpers, saving, web
from pipeline.workbench.state import Workbench, signature
from pipeline.workbench.web import BadRequest
from pipeline.workspace.project import DocumentFile


class Api:
    """The JSON endpoints of one workbench (``bench``): each takes the request, answers JSON."""

    def __init__(self, bench: Workbench) -> None:
        self.bench = bench

    async def save(self, request: Request) -> Response:
        """One entry saved, or 409 with both texts when someone else changed it: see ``saving``."""
        bench = self.bench
        data = await web.body(request)
        return await web.in_thread(lambda: saving.save(bench, data))

    async def check(self, request: Request) -> Response:
        """The findings of a draft translation, as the translator types."""
        bench = self.bench
        project = bench.project
        data = await web.body(request)
        code, file, settings = web.target(bench, data)
        msgid = web.text(data, "msgid")
        read = bench.catalog_file(code, file)
        entry = editor.find_entry(read.catalog, msgid) if read is not None else None
        if entry is None:
            raise BadRequest(404, f"no such entry in the catalog (run `{bench.project.program} update`?)")
        draft = editor.Edit(msgid, "", web.text(data, "msgstr"), editor.person_comment(entry), False)
        edited = editor.edited_entry(entry, draft, bench.machine(settings))
        return JSONResponse({"findings": web.findings(edited, qa_language(project, settings))})

    def suggest(self, request: Request) -> Response:
        """The side panel for one segment: memory suggestions, glossary terms, dictionary glosses."""
        bench = self.bench
        project = bench.project
        code, file, _ = web.target(bench, dict(request.query_params))
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

    def concordance(self, request: Request) -> Response:
        """Every translated segment of the language that contains a word."""
        bench = self.bench
        code = request.query_params.get("lang", "")
        bench.language(code)
        word = request.query_params.get("q", "")
        return JSONResponse({"hits": [dataclasses.asdict(p) for p in helpers.concordance(word, bench.memory(code))]})

    async def preview(self, request: Request) -> Response:
        """The edition's HTML of the one line that holds a segment, with the draft in it."""
        bench = self.bench
        data = await web.body(request)
        code, file, settings = web.target(bench, data)
        msgid = web.text(data, "msgid")
        document = bench.segmented(file)
        read = bench.catalog_file(code, file)
        translations = {} if read is None else {e.msgid: e.msgstr for e in read.catalog.live if e.translated}
        draft = web.text(data, "msgstr")
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

    def state(self, request: Request) -> Response:
        """The source's hash and the catalog's signature: the page polls them to see a change on disk."""
        bench = self.bench
        code, file, _ = web.target(bench, dict(request.query_params))
        path = bench.project.catalog_path(code, file.domain)
        return JSONResponse({"source": bench.source_hash(file), "catalog": "".join(map(str, signature(path)))})

    async def update(self, request: Request) -> Response:
        """``update`` for one language, under the save lock: the catalogs it changed."""
        bench = self.bench
        project = bench.project
        data = await web.body(request)
        code = web.text(data, "lang")
        bench.language(code)

        def work() -> Response:
            with bench.save_lock:
                result = operations.update(project, (code,))
            changed = [c.path for c in result.catalogs if c.changed]
            return JSONResponse({"changed": changed})

        return await web.in_thread(work)


def _catalog_shown(bench: Workbench, code: str, file: DocumentFile) -> str:
    return bench.project.display(bench.project.catalog_path(code, file.domain))
