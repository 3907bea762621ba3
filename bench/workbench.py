"""Benchmark of the workbench (``cli.py serve``) on a 50,000-segment document.

    python bench/workbench.py [--segments 50000] [--repeat 5]

Makes a throw-away project with one generated article (sentences from the real article's
clauses, 1-6 per paragraph), runs ``update``, translates half of the English catalog, then
times, through Starlette's test client (the whole request: token check, routing, templates):

- opening the editor (first page; cold: a fresh server that segments the document, and warm),
  and where a cold open's CPU time goes (segmentation, the catalog's parse, the workbench's own share);
- one save in the 50,000-entry catalog (lock, read, change one entry, render, atomic write);
- the side panel's suggestions (memory of the catalog, dictionary, glossary) and a live check.

Targets (issue 13): open <= 2 s, save <= 300 ms, suggestions and checks <= 100 ms.
Prints one line per measure (median of ``--repeat`` runs). Not a test: nothing asserts time.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from corpus import ROOT, clauses, sentences

from pipeline import operations
from pipeline.po import file as po_file
from pipeline.po.model import Catalog
from pipeline.po.write import render
from pipeline.workbench import editor, helpers
from pipeline.workbench.app import create_app
from pipeline.workbench.security import cookie_name
from pipeline.workbench.state import Workbench
from pipeline.workspace import fs
from pipeline.workspace.project import Project

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SETTINGS = """\
[tool.article-l10n]
source_language = "zh_Hant"

[tool.article-l10n.languages.en]
min_percent = 0
"""
TOKEN = "bench-token-0123456789abcdef"
BASE = "http://127.0.0.1:8765"


def make(folder: Path, count: int) -> tuple[Project, list[str]]:
    rng = random.Random(13)
    made = sentences(rng, count, clauses(), set())
    lines, at = [], 0
    while at < len(made):
        n = rng.randint(1, 6)
        lines.append("".join(made[at : at + n]))
        at += n
    (folder / "source").mkdir(parents=True)
    (folder / "pyproject.toml").write_text(SETTINGS, encoding="utf-8")
    (folder / "source" / "article.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    project = Project(folder)
    operations.update(project)
    path = project.catalog_path("en", "article")
    found = po_file.read(path)
    entries = tuple(
        e.evolve(msgstr=f"Translated sentence number {i}.") if i % 2 == 0 and not e.obsolete else e
        for i, e in enumerate(found.entries)
    )
    fs.write_if_changed(
        path, render(Catalog(found.header, found.header_comments, found.header_flags, entries)).encode()
    )
    return project, made


def timed(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def client(project: Project) -> TestClient:
    c = TestClient(create_app(project, TOKEN, 8765, long_lived=True), base_url=BASE)  # as `serve` makes it
    c.cookies.set(cookie_name(8765), TOKEN)
    return c


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        project, made = make(Path(tmp) / "project", args.segments)
        print(f"setup: {args.segments} segments, update and half translated in {time.perf_counter() - started:.1f} s")
        helpers.dictionary()  # `serve` reads it in the background at start

        def cold_open() -> None:
            response = client(project).get("/edit/en/article")
            assert response.status_code == 200, response.text[:200]
            gc.unfreeze()  # the next cold open is a fresh server's: this one's kept objects are not its

        c = client(project)
        cold = timed(cold_open, args.repeat)
        c.get("/edit/en/article")  # what `serve` does in the background at start (segment, parse)
        warm = timed(lambda: c.get("/edit/en/article?page=100"), args.repeat)
        msgid = made[len(made) // 2 + 1]

        def save() -> None:
            entry = editor.find_entry(po_file.read(project.catalog_path("en", "article")), msgid)
            body = {
                "lang": "en",
                "doc": "article",
                "msgid": msgid,
                "base": editor.version(entry),
                "msgstr": f"Saved at {time.perf_counter()}.",
                "comment": "",
                "fuzzy": False,
            }
            started = time.perf_counter()
            response = c.post("/api/save", json=body, headers={"Origin": BASE})
            save.elapsed.append(time.perf_counter() - started)  # type: ignore[attr-defined]
            assert response.status_code == 200, response.text

        save.elapsed = []  # type: ignore[attr-defined]
        for _ in range(args.repeat):
            save()
        saved = statistics.median(save.elapsed)  # type: ignore[attr-defined]
        params = {"lang": "en", "doc": "article", "msgid": made[7]}
        c.get("/api/suggest", params=params)  # the first call reads the memory (every catalog) once
        suggest = timed(lambda: c.get("/api/suggest", params=params), args.repeat)
        body = {"lang": "en", "doc": "article", "msgid": made[7], "msgstr": "A draft 句 with 18%."}
        check = timed(lambda: c.post("/api/check", json=body, headers={"Origin": BASE}), args.repeat)
        pages = len(made) // editor.PAGE_SEGMENTS
        rows = [
            ("open editor, cold (fresh server: segment, parse, page)", cold, 2000),
            (f"open editor, warmed as `serve` does (page 101 of {pages})", warm, 2000),
            (f"save one entry in the {args.segments}-entry catalog", saved, 300),
            ("suggestions (memory, glossary, dictionary)", suggest, 100),
            ("live check of a draft", check, 100),
        ]
        for label, seconds, target in rows:
            print(f"{label:58} {seconds * 1000:7.0f} ms   target <= {target}")
        print("cold open by phase, CPU time of this process (less sensitive to other load than wall time):")
        for label, seconds in phases(project, args.repeat):
            print(f"  {label:56} {seconds * 1000:7.0f} ms")
        print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def phases(project: Project, repeat: int) -> list[tuple[str, float]]:
    """Where a cold open's CPU time goes: segmenting the source, parsing the catalog, and the rest —
    the workbench's own share (outline, one page's rows, the template, the request) — by difference."""
    took: dict[str, list[float]] = {"open": [], "segment": [], "parse": []}
    for _ in range(repeat):
        c = client(project)
        started = time.process_time()  # every thread of this process: the test client's included
        assert c.get("/edit/en/article").status_code == 200
        took["open"].append(time.process_time() - started)
        gc.unfreeze()
        bench = Workbench(project, long_lived=True)
        file = bench.document("article")
        started = time.process_time()
        bench.segmented(file)
        took["segment"].append(time.process_time() - started)
        started = time.process_time()
        bench.catalog_file("en", file)
        took["parse"].append(time.process_time() - started)
    opened, segment, parse = (statistics.median(took[k]) for k in ("open", "segment", "parse"))
    return [
        ("cold open, the whole request", opened),
        ("  segmenting the source (project.segmented)", segment),
        ("  parsing the catalog (po.file.load)", parse),
        ("  the workbench's own (outline, one page, template)", opened - segment - parse),
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
