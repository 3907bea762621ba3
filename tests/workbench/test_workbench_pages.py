"""The workbench's pages: overview, editor (escaping, broken catalog, pages, filters, Ctrl+Enter, names), side panel."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import lxml.html
from starlette.testclient import TestClient

from pipeline import operations
from pipeline.po import file as po_file
from pipeline.workbench import editor, helpers
from pipeline.workbench.app import create_app
from pipeline.workspace.project import Project
from tests.workbench.conftest import BASE, COOKIE, ORIGIN, PORT, TOKEN, client, en_path, entry, save, translate_all_but

# ---------------------------------------------------------------- pages


def test_one_broken_catalog_shows_in_its_row_and_locks_nobody_out(project: Project) -> None:
    path = en_path(project)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(min(29, len(lines)), "<<<<<<< HEAD\n")
    broken = "".join(lines).encode("utf-8")
    path.write_bytes(broken)
    c = client(project)
    response = c.get("/")
    assert response.status_code == 200
    assert "zh_Hans" in response.text and 'href="/edit/zh_Hans/article"' in response.text
    shown = project.display(path)
    assert re.search(rf"{re.escape(shown)}:\d+: ", response.text)  # file:line: message, in the en row
    assert c.get("/?q=第一句").status_code == 200
    page = c.get("/edit/en/article")
    assert page.status_code == 422 and shown in page.text
    assert c.get("/edit/zh_Hans/article").status_code == 200
    assert path.read_bytes() == broken  # never touched


def test_overview_lists_languages_documents_and_completeness(project: Project) -> None:
    text = client(project).get("/").text
    assert "/edit/en/article" in text and "/edit/zh_Hans/article" in text
    assert "<progress" in text


def test_overview_search_finds_segments(project: Project) -> None:
    text = client(project).get("/?q=第二").text
    assert "第二句。" in text and "/edit/en/article?at=" in text


def test_editor_shows_segments_in_order_with_kinds_and_images(project: Project) -> None:
    text = client(project).get("/edit/en/article").text
    assert text.index("標題") < text.index("第一句。") < text.index("第二句。") < text.index("項目一。")
    assert "kind-heading" in text and "kind-item" in text and "kind-paragraph" in text
    assert '<img src="https://example.com/a.png"' in text
    # The image's alt text is a segment of its own (issue 11), shown right after the image.
    assert (
        text.index('<img src="https://example.com/a.png"')
        < text.index("kind-image")
        < re.search(r'<div class="source" id="source-\d+">圖</div>', text).start()  # type: ignore[union-attr]
    )


def test_translation_with_script_is_shown_as_text(project: Project) -> None:
    c = client(project)
    base = editor.version(entry(project, "第一句。"))
    assert save(c, "第一句。", base, "<script>alert(1)</script>", comment="<b>note</b>").status_code == 200
    text = c.get("/edit/en/article").text
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;b&gt;note&lt;/b&gt;" in text
    preview = c.post(
        "/api/preview",
        json={"lang": "en", "doc": "article", "msgid": "第一句。", "msgstr": "<script>x</script>"},
        headers=ORIGIN,
    ).json()["html"]
    assert "<script>" not in preview


def test_malformed_catalog_is_a_clear_error_and_stays_untouched(project: Project) -> None:
    path = en_path(project)
    bad = path.read_bytes() + b'\nmsgid "broken\n'
    path.write_bytes(bad)
    c = client(project)
    response = c.get("/edit/en/article")
    assert response.status_code == 422
    assert "locales/en/LC_MESSAGES/article.po:" in response.text
    response = save(c, "第一句。", "none", "First.")
    assert response.status_code == 422 and "article.po" in response.json()["error"]
    assert path.read_bytes() == bad


def test_filters_show_only_matching_segments(project: Project) -> None:
    c = client(project)
    save(c, "第一句。", editor.version(entry(project, "第一句。")), "First 句.")  # a cjk-left error
    save(c, "第二句。", editor.version(entry(project, "第二句。")), "Second.", fuzzy=True)
    errors = c.get("/edit/en/article?filter=errors").text
    assert 'data-msgid="第一句。"' in errors and 'data-msgid="第二句。"' not in errors
    fuzzy = c.get("/edit/en/article?filter=fuzzy").text
    assert 'data-msgid="第二句。"' in fuzzy and 'data-msgid="第一句。"' not in fuzzy
    untranslated = c.get("/edit/en/article?filter=untranslated").text
    assert 'data-msgid="標題"' in untranslated and 'data-msgid="第二句。"' not in untranslated


def test_an_unknown_filter_is_a_400_page_naming_the_known_ones(project: Project) -> None:
    """As a page number that is not a number: an error page (400) that says what would work, never an empty list."""
    c = client(project)
    response = c.get("/edit/en/article?filter=bogus")
    assert response.status_code == 400
    message = lxml.html.fromstring(response.text).get_element_by_id("error").text_content()
    assert message == "unknown filter 'bogus': the filters are all, untranslated, fuzzy, errors"
    assert 'data-msgid="' not in response.text
    hostile = c.get("/edit/en/article", params={"filter": "<script>alert(1)</script>"})
    assert hostile.status_code == 400 and "<script>alert" not in hostile.text and "&lt;script&gt;" in hostile.text
    assert c.get("/edit/en/article?page=x").status_code == 400  # the same answer as a bad page number


def test_zh_hans_editor_and_edition_preview(project: Project) -> None:
    c = client(project)
    page = c.get("/edit/zh_Hans/article")
    assert page.status_code == 200 and 'data-msgid="第一句。"' in page.text
    save(c, "第一句。", editor.version(entry(project, "第一句。")), "<b>First</b>.")
    edition = c.get("/edition/en/article")
    assert edition.status_code == 200
    assert "&lt;b&gt;First&lt;/b&gt;." in edition.text and "<b>First" not in edition.text
    assert "script-src" not in edition.headers["content-security-policy"]  # no script at all


def test_the_edition_preview_says_what_it_shows_and_can_take_the_open_draft(project: Project) -> None:
    c = client(project)
    saved = c.get("/edition/en/article").text
    assert "Workbench preview: the translations saved in locales/en/LC_MESSAGES/article.po" in saved
    assert "not yet saved is not in it" in saved
    drafted = c.get("/edition/en/article", params={"msgid": "第一句。", "draft": "<i>Draft</i> one."}).text
    assert "&lt;i&gt;Draft&lt;/i&gt; one." in drafted and "unsaved text of the segment open" in drafted
    assert en_path(project).read_text(encoding="utf-8").count("Draft") == 0  # a preview writes nothing
    unknown = c.get("/edition/en/article", params={"msgid": "no such", "draft": "Ghost."}).text
    assert "Ghost." not in unknown and "not yet saved is not in it" in unknown


def test_glossary_terms_and_damaged_spans_are_marked_in_the_source(new_project: Any) -> None:
    root = new_project("微軟的總裁說了話。\n\n這是丛谶的文字。\n")
    (root / "locales").mkdir(exist_ok=True)
    (root / "locales" / "glossary.csv").write_text(
        "source,language,target,note\n微軟,en,Microsoft,the company\n", encoding="utf-8"
    )
    proj = Project(root)
    operations.update(proj, ("en",))
    page = client(proj).get("/edit/en/article").text
    assert re.search(r'<mark class="term" title="[^"]*Microsoft[^"]*">微軟</mark>', page)
    assert re.search(r'<mark class="damage" title="[^"]+">[^<]*丛谶[^<]*</mark>', page)
    suggest = client(proj).get("/api/suggest", params={"lang": "en", "doc": "article", "msgid": "微軟的總裁說了話。"})
    assert suggest.json()["glossary"] == [{"source": "微軟", "target": "Microsoft", "note": "the company"}]


# ---------------------------------------------------------------- long documents: pages and navigation


def test_long_document_is_paginated(new_project: Any) -> None:
    root = new_project("".join(f"第{i}段。\n" for i in range(1, 1001)))
    proj = Project(root)
    operations.update(proj, ("en",))
    c = client(proj)
    first = c.get("/edit/en/article").text
    assert first.count('class="seg ') == editor.PAGE_SEGMENTS
    assert "page 1 of 5" in first
    last = c.get("/edit/en/article?page=4").text
    assert "第1000段。" in last and "第1段。" not in last
    assert "第555段。" in c.get("/edit/en/article?at=554").text


def test_a_long_document_builds_only_the_page_shown(new_project: Any, monkeypatch: Any) -> None:
    root = new_project("".join(f"第{i}段。\n" for i in range(1, 1001)))
    proj = Project(root)
    operations.update(proj, ("en",))
    c = client(proj)
    c.get("/edit/en/article")  # segment and read once
    calls: list[object] = []
    real = editor.status_of  # type: ignore[attr-defined]

    def counting(entry: Any, machine: Any) -> str:
        calls.append(entry)
        return real(entry, machine)

    monkeypatch.setattr(editor, "status_of", counting)
    page = c.get("/edit/en/article?page=3").text
    assert "第601段。" in page and "第801段。" not in page
    assert len(calls) == editor.PAGE_SEGMENTS  # one row built per segment shown, not one per segment of the document


def test_image_lines_stay_in_place_across_pages(new_project: Any) -> None:
    lines = [f"第{i}段。" if i % 150 else "![](https://example.com/p.png)" for i in range(1, 601)]
    root = new_project("\n".join(lines) + "\n")
    proj = Project(root)
    operations.update(proj, ("en",))
    c = client(proj)
    pages = [c.get(f"/edit/en/article?page={n}").text for n in range(3)]
    assert (
        sum(p.count('<img src="https://example.com/p.png"') for p in pages) == 4
    )  # each image once, on the page where it stands
    first = pages[0]
    assert first.index("第149段。") < first.index("example.com/p.png") < first.index("第151段。")


def test_ctrl_enter_after_the_last_row_of_a_page_goes_to_the_next_open_one(new_project: Any) -> None:
    root = new_project("".join(f"第{i}段。\n" for i in range(1, 1001)))
    proj = Project(root)
    operations.update(proj, ("en",))
    translate_all_but(proj, {"第10段。", "第700段。"})
    c = client(proj)
    response = c.get("/edit/en/article?after=199", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/edit/en/article?filter=all&at=699"  # page 4, not page 2
    page = c.get(response.headers["location"]).text
    assert 'id="s699"' in page and "page 4 of 5" in page
    # past the last open one, it wraps round to the first
    assert c.get("/edit/en/article?after=699", follow_redirects=False).headers["location"].endswith("at=9")
    # a filtered view stays filtered when it shows the target
    fuzzy_off = c.get("/edit/en/article?filter=untranslated&after=9", follow_redirects=False)
    assert fuzzy_off.headers["location"] == "/edit/en/article?filter=untranslated&at=699"


def test_ctrl_enter_with_nothing_left_open_goes_to_the_next_segment(new_project: Any) -> None:
    root = new_project("第一段。\n\n第二段。\n")
    proj = Project(root)
    operations.update(proj, ("en",))
    translate_all_but(proj, set())
    c = client(proj)
    assert c.get("/edit/en/article?after=0", follow_redirects=False).headers["location"].endswith("at=1")
    assert c.get("/edit/en/article?after=1", follow_redirects=False).headers["location"].endswith("at=1")
    assert c.get("/edit/en/article?after=x").status_code == 400


# ---------------------------------------------------------------- side panel and checks


def test_live_check_has_checks_ids_severities_and_messages(project: Project) -> None:
    c = client(project)
    body = {"lang": "en", "doc": "article", "msgid": "第一句。", "msgstr": "First 句."}
    findings = c.post("/api/check", json=body, headers=ORIGIN).json()["findings"]
    assert {"check": "cjk-left", "severity": "error"}.items() <= findings[0].items()
    from pipeline.operations.findings import qa_language
    from pipeline.qa import check_entry

    expected = check_entry(
        entry(project, "第一句。").evolve(msgstr="First 句."), qa_language(project, project.target("en"))
    )
    assert [(f["check"], f["message"]) for f in findings] == [(k.id, m) for k, m in expected]
    body["msgstr"] = "First."
    assert c.post("/api/check", json=body, headers=ORIGIN).json()["findings"] == []


def test_suggestions_come_from_other_documents_with_origin(project: Project) -> None:
    (project.root / "source" / "other.md").write_text("第一句!\n", encoding="utf-8")
    operations.update(project)
    other = project.catalog_path("en", "other")
    other.write_text(other.read_text(encoding="utf-8").replace('msgstr ""\n\n', 'msgstr ""\n\n', 1), encoding="utf-8")
    c = client(project)
    save_body = {
        "lang": "en",
        "doc": "other",
        "msgid": "第一句!",
        "msgstr": "The first!",
        "comment": "",
        "fuzzy": False,
        "base": editor.version(editor.find_entry(po_file.read(other), "第一句!")),
    }
    assert c.post("/api/save", json=save_body, headers=ORIGIN).status_code == 200
    data = c.get("/api/suggest", params={"lang": "en", "doc": "article", "msgid": "第一句。"}).json()
    assert data["suggestions"][0]["target"] == "The first!"
    assert data["suggestions"][0]["origin"] == "locales/en/LC_MESSAGES/other.po"
    assert 60 <= data["suggestions"][0]["similarity"] < 100
    assert any(g["word"] == "句" for g in data["dictionary"])
    hits = c.get("/api/concordance", params={"lang": "en", "q": "first"}).json()["hits"]
    assert hits and hits[0]["source"] == "第一句!"


def test_dictionary_longest_match_first() -> None:
    d = helpers.Dictionary(["中國 中国 [Zhong1 guo2] /China/", "中 中 [zhong1] /middle/", "國 国 [guo2] /country/"])
    assert [g.word for g in d.glosses("中國人")] == ["中國"]
    assert [g.word for g in d.glosses("國中")] == ["國", "中"]


def test_the_shipped_dictionary_has_traditional_headwords() -> None:
    glosses = helpers.dictionary().glosses("農村包圍城市")
    assert [g.word for g in glosses] == ["農村", "包圍", "城市"]
    assert "to surround" in glosses[1].meanings


def test_orphans_in_the_overview_and_suggestions_from_orphans_and_compendia(project: Project, tmp_path: Path) -> None:
    other = project.root / "source" / "old.md"
    other.write_text("第一句呀。\n", encoding="utf-8")
    operations.update(project)
    old = project.catalog_path("en", "old")
    old.write_text(
        old.read_text(encoding="utf-8").replace(
            'msgid "第一句呀。"\nmsgstr ""', 'msgid "第一句呀。"\nmsgstr "Old first."'
        ),
        encoding="utf-8",
    )
    other.unlink()  # the document is gone: its catalog is an orphan
    compendium = tmp_path / "known.po"
    compendium.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "第一句啊。"\nmsgstr "Compendium first."\n',
        encoding="utf-8",
    )
    c = TestClient(create_app(project, TOKEN, PORT, compendia=(compendium,)), base_url=BASE)
    c.cookies.set(COOKIE, TOKEN)
    overview = c.get("/").text
    assert "Orphaned catalogs" in overview and "locales/en/LC_MESSAGES/old.po" in overview
    found = c.get("/api/suggest", params={"lang": "en", "doc": "article", "msgid": "第一句。"}).json()["suggestions"]
    origins = {s["origin"]: s["target"] for s in found}
    assert origins["locales/en/LC_MESSAGES/old.po"] == "Old first."
    assert origins[project.display(compendium)] == "Compendium first."


def _accessible_name(page: Any, field: Any) -> str:
    """A field's accessible name as a screen reader gets it: its aria-labelledby elements' text, else aria-label."""
    ids = field.get("aria-labelledby", "").split()
    if ids:
        return " ".join(" ".join(page.get_element_by_id(i).text_content().split()) for i in ids)
    return str(field.get("aria-label", ""))


def test_each_translation_box_is_named_by_its_own_source(project: Project) -> None:
    """A screen reader tells the segments apart: each text area's name is "translation:" and that segment's source."""
    page = lxml.html.fromstring(client(project).get("/edit/en/article").text)
    segments = page.xpath("//article[contains(@class, 'seg')]")
    assert len(segments) == 5
    names = []
    for segment in segments:
        (field,) = segment.xpath(".//textarea[@class='target']")
        name = _accessible_name(page, field)
        assert name == f"translation: {segment.get('data-msgid')}"
        names.append(name)
    assert len(set(names)) == len(names)
