"""A save from the workbench: one entry changed in the catalog now on disk, under the project lock.

The save takes the project lock only for its own read-modify-write, writes atomically through
``fs`` with the fingerprint of the bytes it read, and changes one entry; an entry someone else
changed since the page showed it is a conflict (409, both texts sent back): see ``editor``.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response

from pipeline import qa
from pipeline.operations.findings import qa_language
from pipeline.operations.plan import headed
from pipeline.po import file as po_file
from pipeline.po import header
from pipeline.po.model import Entry
from pipeline.po.write import render, unwritable
from pipeline.workbench import editor, web
from pipeline.workbench.state import Workbench
from pipeline.workbench.web import BadRequest
from pipeline.workspace import fs
from pipeline.workspace.project import timestamp


def save(bench: Workbench, data: dict[str, Any]) -> Response:
    """One save: under the project lock, read the catalog now on disk, change one entry, write atomically."""
    project = bench.project
    code, file, settings = web.target(bench, data)
    fuzzy = data.get("fuzzy", False)
    if not isinstance(fuzzy, bool):
        raise BadRequest(400, "'fuzzy' must be true or false")
    edit = editor.Edit(
        web.text(data, "msgid"), web.text(data, "base"), web.text(data, "msgstr"), web.text(data, "comment", ""), fuzzy
    )
    for name, value in (("msgstr", edit.msgstr), ("comment", edit.comment)):
        why = unwritable(value)
        if why is not None:
            raise BadRequest(400, f"{name!r} holds {why}, which a catalog cannot hold")
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
        changed = headed(project, settings, file, changed)  # a file written without a header gets update's
        old = editor.find_entry(read.catalog, edit.msgid)
        dated, now = changed.header_value(header.REVISION), timestamp()
        if entry != old:  # a person's change: the translation's date moves on
            changed = header.revised(changed, now)
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
            "findings": web.findings(entry, lang) if qa.checked(entry, lang.machine) else [],
        }
    )


def _plain_utf8(read: po_file.CatalogFile) -> bool:
    """A file the write does not convert (a UTF-8 header, no BOM, LF): one entry's block may be replaced in it."""
    unchanged = po_file.prepare(read, read.catalog)[0] is read.catalog
    return unchanged and read.catalog.has_header and not read.bom and not read.crlf


def _entry_json(entry: Entry, machine: editor.MachineFill | None) -> dict[str, Any]:
    from pipeline.l10n.counts import status_of

    return {
        "msgstr": entry.msgstr,
        "comment": editor.person_comment(entry),
        "fuzzy": entry.fuzzy,
        "version": editor.version(entry),
        "state": editor.STATES[status_of(entry, machine)],
    }
