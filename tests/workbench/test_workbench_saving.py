"""Saving in the workbench: one entry changed (the splice), header and date, fuzzy, conflicts, the lock."""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

from pipeline import operations
from pipeline.po import file as po_file
from pipeline.po.parse import parse
from pipeline.po.write import render
from pipeline.workbench import editor
from pipeline.workspace.project import Project
from tests.workbench.conftest import ARTICLE, ORIGIN, check_passes, client, en_path, entry, save

# ---------------------------------------------------------------- saving


def test_save_changes_only_that_entry_and_check_stays_green(project: Project, monkeypatch: Any) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15 08:00 UTC: after the catalog's date
    path = en_path(project)
    before = path.read_text(encoding="utf-8")
    c = client(project)
    response = save(c, "第一句。", editor.version(entry(project, "第一句。")), "First sentence.", comment="mine")
    assert response.status_code == 200, response.text
    assert response.json()["state"] == "translated"
    after = path.read_text(encoding="utf-8")
    old_blocks, new_blocks = before.split("\n\n"), after.split("\n\n")
    assert len(old_blocks) == len(new_blocks)
    changed = [n for o, n in zip(old_blocks, new_blocks, strict=True) if o != n]
    assert len(changed) == 2 and 'msgstr "First sentence."' in changed[1] and "# mine" in changed[1]
    old_header = [line for line in old_blocks[0].splitlines() if "PO-Revision-Date" not in line]
    assert [line for line in changed[0].splitlines() if "PO-Revision-Date" not in line] == old_header
    result = check_passes(project.root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert operations.update(project).catalogs and not any(c.changed for c in operations.update(project).catalogs)


def test_save_sets_the_revision_date_and_a_save_that_changes_nothing_writes_nothing(
    project: Project, monkeypatch: Any
) -> None:
    path = en_path(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    c = client(project)
    assert save(c, "第一句。", editor.version(entry(project, "第一句。")), "First.").status_code == 200
    data = path.read_bytes()
    read = po_file.read(path)
    assert read.header_value("PO-Revision-Date") == "2027-01-15 08:00+0000"
    assert render(read).encode("utf-8") == data  # the spliced file is the layout render writes
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")
    assert save(c, "第一句。", editor.version(entry(project, "第一句。")), "First.").status_code == 200
    assert path.read_bytes() == data  # the same text again: nothing changes, not even the date


def test_save_keeps_obsolete_entries_flags_and_header(project: Project) -> None:
    path = en_path(project)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '\n#, ignore-numbers\n#~ msgid "舊的。"\n#~ msgstr "Old."\n', encoding="utf-8")
    operations.update(project)
    text = path.read_text(encoding="utf-8")
    c = client(project)
    assert save(c, "第二句。", editor.version(entry(project, "第二句。")), "Second.").status_code == 200
    after = path.read_text(encoding="utf-8")
    assert after.replace('msgid "第二句。"\nmsgstr "Second."', 'msgid "第二句。"\nmsgstr ""') == text
    assert '#~ msgid "舊的。"' in after


def test_a_save_into_a_catalog_without_header_gives_it_the_header_update_would(project: Project) -> None:
    """A file written by hand without a header: msgfmt refuses it (no header), so the save adds update's."""
    path = en_path(project)
    with_header = po_file.read(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("\n\n", 1)[1], encoding="utf-8")  # the header block gone
    assert not po_file.read(path).has_header
    response = save(client(project), "第二句。", editor.version(entry(project, "第二句。")), "Second.")
    assert response.status_code == 200
    saved = po_file.read(path)
    assert saved.has_header and saved.header_comments == with_header.header_comments
    assert [k for k, _ in saved.header] == [k for k, _ in with_header.header]
    assert saved.header_value("POT-Creation-Date") == with_header.header_value("POT-Creation-Date")
    before = editor.find_entry(with_header, "第二句。")
    assert before is not None and editor.find_entry(saved, "第二句。") == before.evolve(msgstr="Second.")
    if shutil.which("msgfmt"):
        assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0


def test_unfuzzying_drops_previous_source_and_tool_notes(project: Project) -> None:
    path = en_path(project)
    c = client(project)
    assert save(c, "第一句。", editor.version(entry(project, "第一句。")), "First one.").status_code == 200
    source = project.root / "source" / "article.md"
    source.write_text(ARTICLE.replace("第一句。", "第一個句子。"), encoding="utf-8")
    operations.update(project)
    fuzzy = entry(project, "第一個句子。")
    assert fuzzy.fuzzy and fuzzy.previous_msgid == "第一句。"
    page = c.get("/edit/en/article").text
    assert "<del>" in page or "<ins>" in page  # the #| diff beside the old translation
    response = save(c, "第一個句子。", editor.version(fuzzy), "The first sentence.", comment="checked")
    assert response.status_code == 200
    done = entry(project, "第一個句子。")
    assert not done.fuzzy and done.previous_msgid is None and done.translator_comments == ("checked",)
    assert check_passes(project.root).returncode == 0
    assert path.read_text(encoding="utf-8").count("#|") == 0


def test_toggling_fuzzy_keeps_the_translation(project: Project) -> None:
    c = client(project)
    save(c, "第一句。", editor.version(entry(project, "第一句。")), "First.")
    response = save(c, "第一句。", editor.version(entry(project, "第一句。")), "First.", fuzzy=True)
    assert response.json()["state"] == "fuzzy"
    assert entry(project, "第一句。").fuzzy and entry(project, "第一句。").msgstr == "First."


def test_zh_hans_save_is_a_persons_edit(project: Project) -> None:
    machine = entry(project, "第一句。", "zh_Hans")
    assert any(c.startswith("machine-converted") for c in machine.extracted_comments)
    body = {
        "lang": "zh_Hans",
        "doc": "article",
        "msgid": "第一句。",
        "base": editor.version(machine),
        "msgstr": "头一句。",
        "comment": "",
        "fuzzy": False,
    }
    assert client(project).post("/api/save", json=body, headers=ORIGIN).status_code == 200
    edited = entry(project, "第一句。", "zh_Hans")
    assert edited.msgstr == "头一句。"
    assert not any(c.startswith("machine-converted") for c in edited.extracted_comments)
    result = check_passes(project.root)
    assert result.returncode == 0 and "machine-mark" not in result.stdout, result.stdout


def test_splice_gives_the_bytes_render_gives(project: Project) -> None:
    path = en_path(project)
    text = path.read_text(encoding="utf-8")
    found = parse(text, "x.po")
    live = [e for e in found.entries if not e.obsolete]
    for i, old in enumerate(live):  # first, middle and last entries (the last one ends the file)
        new = editor.edited_entry(old, editor.Edit(old.msgid, "", f'Line {i}.\nwith "quotes"', "c", i % 2 == 0), None)
        changed, _ = editor.apply_save(
            found, editor.Edit(old.msgid, editor.version(old), new.msgstr, "c", i % 2 == 0), None
        )
        assert editor.splice(text.encode(), old, new) == render(changed).encode()


def test_splice_keeps_other_entries_layout_of_a_wrapped_file(project: Project) -> None:
    path = en_path(project)
    text = path.read_text(encoding="utf-8")
    wrapped = text.replace('msgid "第二句。"', 'msgid ""\n"第二"\n"句。"')
    path.write_text(wrapped, encoding="utf-8")
    c = client(project)
    assert save(c, "第一句。", editor.version(entry(project, "第一句。")), "First.").status_code == 200
    after = path.read_text(encoding="utf-8")
    assert after == wrapped.replace('msgid "第一句。"\nmsgstr ""', 'msgid "第一句。"\nmsgstr "First."')


# ---------------------------------------------------------------- concurrent edits


def test_conflict_when_that_entry_changed_on_disk(project: Project) -> None:
    c = client(project)
    base = editor.version(entry(project, "第一句。"))
    # Someone else (another tab, Poedit) saves the same entry first.
    assert save(c, "第一句。", base, "Theirs.").status_code == 200
    before = en_path(project).read_bytes()
    response = save(c, "第一句。", base, "Mine.")
    assert response.status_code == 409
    data = response.json()
    assert data["theirs"]["msgstr"] == "Theirs." and data["yours"]["msgstr"] == "Mine."
    assert en_path(project).read_bytes() == before
    # The translator chooses theirs' version as the new base, and saves their own text.
    assert save(c, "第一句。", data["theirs"]["version"], "Mine.").status_code == 200
    assert entry(project, "第一句。").msgstr == "Mine."


def test_other_entries_changed_on_disk_are_kept(project: Project) -> None:
    c = client(project)
    base = editor.version(entry(project, "第一句。"))
    path = en_path(project)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('msgid "第二句。"\nmsgstr ""', 'msgid "第二句。"\nmsgstr "Second, in Poedit."'), encoding="utf-8"
    )
    assert save(c, "第一句。", base, "First.").status_code == 200
    assert entry(project, "第二句。").msgstr == "Second, in Poedit."
    assert entry(project, "第一句。").msgstr == "First."


def test_update_refreshing_comments_is_no_conflict(project: Project) -> None:
    c = client(project)
    base = editor.version(entry(project, "第二句。"))
    (project.root / "source" / "article.md").write_text(ARTICLE + "\n新的一段。\n", encoding="utf-8")
    operations.update(project)  # references and numbering of other entries change
    assert save(c, "第二句。", base, "Second.").status_code == 200


def test_entry_gone_is_a_conflict(project: Project) -> None:
    c = client(project)
    base = editor.version(entry(project, "第二句。"))
    (project.root / "source" / "article.md").write_text(ARTICLE.replace("第二句。", ""), encoding="utf-8")
    operations.update(project)
    response = save(c, "第二句。", base, "Second.")
    assert response.status_code == 409 and response.json()["theirs"] is None


def test_state_reports_a_changed_source(project: Project) -> None:
    c = client(project)
    first = c.get("/api/state?lang=en&doc=article").json()["source"]
    (project.root / "source" / "article.md").write_text(ARTICLE + "\n新的。\n", encoding="utf-8")
    assert c.get("/api/state?lang=en&doc=article").json()["source"] != first
    response = c.post("/api/update", json={"lang": "en"}, headers=ORIGIN)
    assert response.status_code == 200 and response.json()["changed"] == ["locales/en/LC_MESSAGES/article.po"]
    assert entry(project, "新的。").msgstr == ""


def test_the_lock_is_held_only_while_writing(project: Project) -> None:
    c = client(project)
    assert c.get("/edit/en/article").status_code == 200
    assert save(c, "第一句。", editor.version(entry(project, "第一句。")), "First.").status_code == 200
    with Project(project.root, lock_timeout=0).locked():  # update, build, check can run between requests
        pass
    operations.update(project)  # and do: the workbench's next save builds on what they wrote
    assert save(c, "第二句。", editor.version(entry(project, "第二句。")), "Second.").status_code == 200
    assert entry(project, "第一句。").msgstr == "First." and entry(project, "第二句。").msgstr == "Second."
