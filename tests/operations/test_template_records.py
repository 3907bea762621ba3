"""A current template is taken from its record (issue 14): ``update`` after ``extract`` neither
segments the source nor builds, renders or parses the template, and writes the same bytes as a
run that builds everything (``--force``). Anything that may change the template — the source, the
glossary, the settings, the ``.pot`` itself — or a damaged record means building it again.
Work is counted by spying on the builder and the segmenter, never timed."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cli import main
from pipeline.l10n import glossary as glossary_module
from pipeline.l10n import template as template_module
from pipeline.l10n.glossary import Glossary, Term
from pipeline.operations import recorded
from pipeline.operations.plan import PlannedFile, plan_document
from pipeline.po.model import Catalog, Entry
from pipeline.workspace import fs, templates
from pipeline.workspace.project import DocumentFile, Project, timestamp
from tests.conftest import ROOT, make_project
from tests.operations.test_many_documents import translate

CATALOG = Path("locales") / "en" / "LC_MESSAGES" / "article.po"
GLOSSARY = ROOT / "locales" / "glossary.csv"


def run(root: Path, *args: str) -> None:
    result = CliRunner().invoke(main, ["--project", str(root), *args, "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def edited_project(tmp_path: Path) -> Path:
    """The real article with the project's glossary, its English catalog partly translated, then
    a sentence edited and one added, and the template extracted again (the issue's scenario)."""
    root = make_project(tmp_path / "p")
    (root / "locales").mkdir(exist_ok=True)
    shutil.copyfile(GLOSSARY, root / "locales" / "glossary.csv")
    run(root, "update")
    catalog = Project(root).read_catalog(root / CATALOG)
    assert catalog is not None
    translate(root / CATALOG, {e.msgid: f"translation {i}" for i, e in enumerate(catalog.entries) if i % 3})
    article = root / "source" / "article.md"
    text = article.read_text(encoding="utf-8")
    first = catalog.entries[1].msgid
    article.write_text(text.replace(first, first[:-1] + "了。", 1) + "\n新加的一句話。\n", encoding="utf-8")
    run(root, "extract")
    return root


def work(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count, from now on, the templates built and the documents segmented."""
    seen: Counter[str] = Counter()
    build, segmented = template_module.build, Project.segmented

    def counted_build(*args: Any, **kwargs: Any) -> template_module.Columns:
        seen["template"] += 1
        return build(*args, **kwargs)

    def counted_segmented(self: Project, *args: Any, **kwargs: Any) -> Any:
        seen["segmented"] += 1
        return segmented(self, *args, **kwargs)

    monkeypatch.setattr(template_module, "build", counted_build)
    monkeypatch.setattr(Project, "segmented", counted_segmented)
    return seen


def forced_twin(root: Path, tmp_path: Path) -> Path:
    """A copy of the project, updated with ``--force`` (everything built): what the update must write."""
    twin = tmp_path / "twin"
    shutil.copytree(root, twin)
    run(twin, "update", "--lang", "en", "--jobs", "1", "--force")
    return twin


def test_update_takes_a_current_template_from_its_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = edited_project(tmp_path)
    pot = (root / "locales" / "article.pot").read_bytes()
    twin = forced_twin(root, tmp_path)
    seen = work(monkeypatch)
    run(root, "update", "--lang", "en", "--jobs", "1")
    assert seen == Counter()  # no template built (nor rendered to compare), no segmentation
    assert (root / CATALOG).read_bytes() == (twin / CATALOG).read_bytes()
    assert (root / "locales" / "article.pot").read_bytes() == pot
    assert b"\xe6\x96\xb0\xe5\x8a\xa0\xe7\x9a\x84" in (root / CATALOG).read_bytes()  # 新加的: the new sentence
    run(root, "update", "--lang", "en", "--jobs", "1")  # and again: nothing to do
    assert (root / CATALOG).read_bytes() == (twin / CATALOG).read_bytes()


def _append(path: Path, text: str) -> None:
    path.write_bytes(path.read_bytes() + text.encode("utf-8"))


def _damage(root: Path) -> None:
    record = templates.path(root, "article")
    data = bytearray(record.read_bytes())
    data[-10] ^= 1
    record.write_bytes(bytes(data))


def _settings(root: Path) -> None:
    path = root / "pyproject.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("min_percent = 0", "min_percent = 1"), encoding="utf-8")


CHANGES: dict[str, Callable[[Path], object]] = {
    "source edited": lambda root: _append(root / "source" / "article.md", "\n又一句新的話。\n"),
    "glossary edited": lambda root: _append(root / "locales" / "glossary.csv", "新加,en,newly added,\n"),
    "settings changed": _settings,
    "template edited by hand": lambda root: _append(root / "locales" / "article.pot", "\n# a note\n"),
    "record damaged": _damage,
    "record truncated": lambda root: templates.path(root, "article").write_bytes(b"article-l10n template"),
    "record missing": lambda root: templates.path(root, "article").unlink(),
}


@pytest.mark.parametrize("change", CHANGES)
def test_the_template_is_built_again_when_it_may_have_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    root = edited_project(tmp_path)
    CHANGES[change](root)
    twin = forced_twin(root, tmp_path)
    seen = work(monkeypatch)
    run(root, "update", "--lang", "en", "--jobs", "1")
    assert seen["template"] == 1
    assert (root / CATALOG).read_bytes() == (twin / CATALOG).read_bytes()
    assert (root / "locales" / "article.pot").read_bytes() == (twin / "locales" / "article.pot").read_bytes()
    seen.clear()
    run(root, "update", "--lang", "en", "--jobs", "1")  # the record is made again: next time, no build
    assert seen == Counter()


def test_a_record_of_another_template_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = edited_project(tmp_path)
    record = templates.path(root, "article")
    article = root / "source" / "article.md"
    before = article.read_bytes()
    _append(article, "\n又一句新的話。\n")
    run(root, "extract")
    other = record.read_bytes()  # the record of another template
    article.write_bytes(before)
    run(root, "extract")  # the template as it was, and its own record
    record.write_bytes(other)  # sound, of this environment, but of the other template
    twin = forced_twin(root, tmp_path)
    seen = work(monkeypatch)
    run(root, "update", "--lang", "en", "--jobs", "1")
    assert seen["template"] == 1  # the record names another .pot content: not trusted
    assert (root / CATALOG).read_bytes() == (twin / CATALOG).read_bytes()


def test_extract_update_and_build_keep_the_record_of_the_template_on_disk(tmp_path: Path) -> None:
    root = edited_project(tmp_path)
    project = Project(root)
    pot = root / "locales" / "article.pot"
    record = templates.path(root, "article")

    def names_the_pot() -> bool:
        return f" {fs.digest(pot.read_bytes())} ".encode() in record.read_bytes().split(b"\n")[1]

    assert names_the_pot()  # extract kept it
    _append(root / "source" / "article.md", "\n又一句新的話。\n")
    run(root, "update")
    assert names_the_pot()
    _append(root / "source" / "article.md", "\n再一句新的話。\n")
    run(root, "build", "--all")
    assert names_the_pot()
    run(root, "update", "--dry-run")  # a dry run writes nothing, the record neither
    assert names_the_pot()
    (root / "source" / "article.md").rename(root / "source" / "moved.md")
    run(root, "extract")
    assert not record.exists()  # a gone document's record goes
    assert templates.path(root, "moved").is_file()
    assert project.documents()[0].domain == "moved"


def test_a_moved_project_keeps_its_cache_with_a_glossary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = edited_project(tmp_path)
    moved = tmp_path / "moved"
    shutil.copytree(root, moved)
    seen = work(monkeypatch)
    run(moved, "update", "--lang", "en", "--jobs", "1")
    assert seen == Counter()  # the facts hold in the new place: the glossary is named relative to the project


# ---------------------------------------------------------------- the record gives what glossary.localise gives


def test_the_real_article_localised_from_its_record_is_what_localise_gives(tmp_path: Path) -> None:
    root = edited_project(tmp_path)
    project = Project(root)
    file = project.documents()[0]
    plan = plan_document(project, file, timestamp())
    known = _recorded(plan.template, project.glossary, file)
    for code in ("en", "zh_Hans", "fr"):
        assert known.localised(project.glossary, code) == glossary_module.localise(
            plan.template, project.glossary, code
        )


def _recorded(template: Catalog, terms: Glossary, file: DocumentFile) -> recorded.KnownTemplate:
    """A KnownTemplate from the payload of ``template``, as ``recorded.known`` makes it (without the disk)."""
    header, comments, flags, has_header, msgids, kept, found, references = recorded.payload(template, terms)
    planned = PlannedFile(Path("t.pot"), "t.pot", b"", False, False)
    head = Catalog(header=header, header_comments=comments, header_flags=flags, has_header=has_header)
    return recorded.KnownTemplate(file, planned, "", (), head, msgids, kept, found, references)


SOURCES = ["微軟", "微軟公司", "AI", "OpenAI", "史密斯", "布拉德·史密斯"]
TERMS = [Term(s, lang, f"{s}-{lang}") for i, s in enumerate(SOURCES) for lang in ("en", "zh_Hans", "de")[i % 3 :]]
COMMENTS = st.sampled_from(
    [
        "paragraph 1, sentence 1",
        "image description",
        "source damaged: corrupted text (mojibake) «x»",
        "glossary (en): 微軟 = 微軟-en",
        "glossary (zh_Hans): AI = AI-zh_Hans",
        "glossary: 史密斯 = Smith",
        "glossary (fr) 微軟",  # starts like one, is none
        "glossaryX: not ours",
    ]
)
MSGIDS = st.lists(st.sampled_from(["", *SOURCES, "的", "說", " ", "Open"]), max_size=6).map("".join)


@given(
    st.lists(st.tuples(MSGIDS, st.lists(COMMENTS, max_size=5)), max_size=12, unique_by=lambda t: t[0]),
    st.lists(st.sampled_from(TERMS), max_size=8),
    st.sampled_from(["en", "zh_Hans", "de", "fr"]),
)
def test_any_template_localised_from_its_record_is_what_localise_gives(
    rows: list[tuple[str, list[str]]], terms: list[Term], language: str
) -> None:
    glossary = Glossary(tuple(terms))
    template = Catalog(
        header=(("POT-Creation-Date", "2026-01-01 00:00+0000"),),
        entries=tuple(
            Entry(msgid, extracted_comments=tuple(comments), references=(f"a.md:{i}",))
            for i, (msgid, comments) in enumerate(rows)
        ),
    )
    known = _recorded(template, glossary, DocumentFile(Path("a.md"), "a"))
    assert known.localised(Glossary(tuple(terms)), language) == glossary_module.localise(template, glossary, language)
