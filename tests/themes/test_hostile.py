"""Hostile input: language codes, document names and sources that try to escape or break the pipeline.

Everything here is refused with one line naming the file (and line or byte offset), exit
status 2, before anything is written — or handled, in bounded time and memory.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner, Result

from cli import main
from pipeline import operations
from pipeline.editions.assemble import as_text
from pipeline.errors import LanguageError
from pipeline.po import file as po_file
from pipeline.po.write import render
from pipeline.workspace.project import Project
from tests.conftest import ROOT, MakeProject
from tests.scaling import FACTOR, LINEAR_BOUND, assert_linear

if TYPE_CHECKING:
    from pipeline.text.model import Document

ARTICLE = "# 標題\n\n第一句話。第二句話！\n\n最後一段。\n"


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(root), *args])


def one_error_line(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    [line] = result.output.splitlines()
    assert line.startswith("Error: ")
    return line


def files_below(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


# ---------------------------------------------------------------- --lang

HOSTILE_CODES = [
    "../x",
    "/etc",
    "en/../../x",
    "..",
    "en/",
    "zh_Hans/../../etc",
    "",
    " ",
    "x" * 300,
    "e" * 100_000,
    "en\x00",
    "en\nzh_Hans",
    "en;rm -rf ~",
    "ｅｎ",  # fullwidth letters
    "${HOME}",
    "en\\..\\x",
]


@pytest.mark.parametrize("code", HOSTILE_CODES, ids=lambda c: repr(c)[:20])
@pytest.mark.parametrize(
    "command", [["update"], ["status"], ["build"], ["review"], ["update", "--dry-run"]], ids=lambda c: " ".join(c)
)
def test_hostile_language_codes_are_refused_in_one_line(
    new_project: MakeProject, tmp_path: Path, code: str, command: list[str]
) -> None:
    root = new_project(ARTICLE)
    before = files_below(tmp_path)
    line = one_error_line(run(root, *command, "--lang", code))
    assert "not a language code" in line or "is not configured" in line
    assert len(line) < 300
    assert files_below(tmp_path) == before  # nothing written, inside the project or out


@pytest.mark.parametrize("code", HOSTILE_CODES, ids=lambda c: repr(c)[:20])
def test_hostile_language_codes_are_refused_before_any_path_is_built(
    new_project: MakeProject, monkeypatch: pytest.MonkeyPatch, code: str
) -> None:
    def no_path(*args: object) -> Path:
        raise AssertionError("a path was built from a language code")

    for method in ("catalog_path", "build_path", "template_path"):
        monkeypatch.setattr(Project, method, no_path)
    project = Project(new_project(ARTICLE))
    for call in (
        lambda: operations.update(project, (code,)),
        lambda: operations.status(project, (code,)),
        lambda: operations.build(project, (code,)),
        lambda: operations.review(project, (code,)),
        lambda: operations.quality(project, (code,)),
    ):
        with pytest.raises(LanguageError):
            call()


# ---------------------------------------------------------------- document names


def test_a_link_to_a_file_outside_the_project_is_refused(new_project: MakeProject, tmp_path: Path) -> None:
    root = new_project(ARTICLE)
    secret = tmp_path / "outside" / "secret.md"
    secret.parent.mkdir()
    secret.write_text("不該被讀的文字。\n", encoding="utf-8")
    (root / "source" / "evil.md").symlink_to(secret)
    line = one_error_line(run(root, "update"))
    assert line == ("Error: source/evil.md: links outside the project; copy the file into the source folder instead")
    assert not (root / "locales").exists()


def test_a_linked_folder_outside_is_not_followed(new_project: MakeProject, tmp_path: Path) -> None:
    root = new_project(ARTICLE)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("不該被讀的文字。\n", encoding="utf-8")
    (root / "source" / "linked").symlink_to(outside, target_is_directory=True)
    result = run(root, "update")
    assert result.exit_code == 0, result.output
    assert files_below(root / "locales") >= {"article.pot"}
    assert not any("secret" in name for name in files_below(root / "locales"))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda s: (s / "loop.md").symlink_to(s / "loop.md"), "source/loop.md: a link that cannot be resolved"),
        (lambda s: (s / "gone.md").symlink_to(s / "missing.md"), "source/gone.md: a link to nothing"),
    ],
    ids=["loop", "dangling"],
)
def test_broken_links_are_refused(new_project: MakeProject, make: object, message: str) -> None:
    root = new_project(ARTICLE)
    assert callable(make)
    make(root / "source")
    assert one_error_line(run(root, "update")).startswith(f"Error: {message}")
    assert not (root / "locales").exists()


@pytest.mark.parametrize(
    "name", ["new\nline.md", "back\\slash.md", "tab\there.md", "bell\x07.md", "end\u2069of quote.md"]
)
def test_names_that_cannot_be_catalog_names_are_refused(new_project: MakeProject, name: str) -> None:
    root = new_project(ARTICLE)
    (root / "source" / name).write_text("一句話。\n", encoding="utf-8")
    line = one_error_line(run(root, "update"))
    assert "cannot be part of a catalog name or reference; rename the file" in line
    assert not (root / "locales").exists()


def test_document_names_come_only_from_files_in_the_source_folder(new_project: MakeProject) -> None:
    root = new_project(ARTICLE)
    source = root / "source"
    (root / "notes.md").write_text("資料夾外。\n", encoding="utf-8")  # outside the source folder
    (source / ".draft.md").write_text("草稿。\n", encoding="utf-8")  # hidden
    (source / ".private").mkdir()
    (source / ".private" / "x.md").write_text("私人。\n", encoding="utf-8")
    (source / "folder.md").mkdir()  # a folder, whatever its name
    os.mkfifo(source / "pipe.md")  # a FIFO: reading it would wait for ever
    (source / "image.png").write_bytes(b"\x89PNG")
    (source / "part").mkdir()
    (source / "part" / "two.md").write_text("第二部分。\n", encoding="utf-8")
    inside = root / "shared" / "three.md"
    inside.parent.mkdir()
    inside.write_text("共用的一句。\n", encoding="utf-8")
    (source / "three.md").symlink_to(inside)  # a link within the project is fine
    result = run(root, "update", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert files_below(root / "locales") == {
        "article.pot",
        "part",
        "part/two.pot",
        "three.pot",
        "en",
        "en/LC_MESSAGES",
        "en/LC_MESSAGES/article.po",
        "en/LC_MESSAGES/part",
        "en/LC_MESSAGES/part/two.po",
        "en/LC_MESSAGES/three.po",
    }


# ---------------------------------------------------------------- sources


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "an empty file"),
        (b"![](a.png)\n![\xe5\x9c\x96](b.png)\n\n", "only images"),
        ("\ufeff第一句。\r\n\r\n第二句。".encode(), "a BOM"),
        ("第一行。\r\n第二行。\n第三行。\r第四行。\r\n\n".encode(), "mixed line endings"),
        ("   \n\t\n\u3000\n".encode(), "only white space"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_odd_sources_are_handled_and_reproduced(new_project: MakeProject, data: bytes, expected: str) -> None:
    root = new_project(ARTICLE)
    (root / "source" / "article.md").write_bytes(data)
    for command in (["update"], ["build", "--all", "--format", "all"], ["build", "--lang", "zh_Hant"], ["check"]):
        result = run(root, *command)
        assert result.exit_code in (0, 1), (command, result.output)  # check: 1 when en is incomplete
        assert "Traceback" not in result.output
    assert (root / "build" / "zh_Hant" / "article.md").read_bytes() == data  # the source, byte for byte
    # nothing translated yet: the source, with at most blank lines added between paragraphs and
    # no BOM, which would hide a first heading from CommonMark (docs/editions.md)
    english = (root / "build" / "en" / "article.md").read_bytes()
    source = data.removeprefix("\ufeff".encode())
    assert re.sub(rb"(?:\r\n|\r|\n)+", b"\n", english) == re.sub(rb"(?:\r\n|\r|\n)+", b"\n", source)
    po_file.read(root / "locales" / "en" / "LC_MESSAGES" / "article.po")  # valid


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("第一行。\n第二".encode() + b"\x00" + "行。\n".encode(), "source/article.md:2: NUL byte at byte offset 19"),
        ("第一行。\n".encode() + "第二行。".encode("big5"), "source/article.md:2: not valid UTF-8 at byte offset 13"),
        (b"abc\r\n\xff", "source/article.md:2: not valid UTF-8 at byte offset 5 (byte 0xff)"),
        ("第一\x04行。\n".encode(), "source/article.md:1: control character EOT (0x04) at byte offset 6"),
        ("前文。\n".encode("utf-16"), "source/article.md:1: UTF-16 text (it starts with the byte order mark"),
    ],
    ids=["NUL", "Big5", "invalid byte", "EOT", "UTF-16"],
)
def test_unreadable_sources_are_refused_with_the_byte_offset(
    new_project: MakeProject, data: bytes, message: str
) -> None:
    root = new_project(ARTICLE)
    (root / "source" / "article.md").write_bytes(data)
    for command in (["extract"], ["update"], ["build", "--lang", "en"], ["status"], ["check"]):
        result = run(root, *command)
        # status reads the source too here: with no catalog yet, it counts the source's segments
        assert one_error_line(result).startswith(f"Error: {message}"), command
    assert not (root / "locales").exists() and not (root / "build").exists()


# A 10 MB line mixing what once made segmentation quadratic: abbreviations, straight
# quotes, ellipses, links, emphasis, HTML, mojibake, headings markers, sentence ends.
HOSTILE_PIECE = 'AI "引號" [連結](http://x) _強調_ <b> Mr. Smith 1.5 …… 豪車?yán)悾 `code` # 好。'
MEASURE = """
import resource, sys, time
from pathlib import Path
from pipeline.workspace.project import Project
def segments(root):
    project = Project(Path(root))
    start = time.process_time()
    [document] = project.documents()
    count = sum(1 for _ in project.segmented(document).segments())
    return count, time.process_time() - start
small, small_seconds = segments(sys.argv[1])
large, large_seconds = segments(sys.argv[2])
print(large, large_seconds / small_seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@pytest.mark.slow
def test_a_10_mb_line_segments_in_linear_time_and_bounded_memory(new_project: MakeProject) -> None:
    # Time: 10 MB against 1/8 of it, CPU time in one child process (tests/scaling.py says why).
    line = HOSTILE_PIECE * (10_000_000 // len(HOSTILE_PIECE.encode()) + 1)
    assert len(line.encode()) >= 10_000_000
    small, large = new_project(ARTICLE), new_project(ARTICLE)
    (small / "source" / "article.md").write_text(line[: len(line) // FACTOR], encoding="utf-8")
    (large / "source" / "article.md").write_text(line, encoding="utf-8")
    measured = subprocess.run(
        [sys.executable, "-c", MEASURE, str(small), str(large)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    segments, ratio, max_rss_kb = measured.stdout.split()
    assert int(segments) == line.count("好。")
    assert float(ratio) < LINEAR_BOUND, f"{FACTOR}x the line took {float(ratio):.1f}x the CPU time"
    assert int(max_rss_kb) < 1_000_000, f"{int(max_rss_kb) // 1024} MB"  # generous: about 150 MB today
    print(
        f"10 MB line: {int(segments)} segments, {float(ratio):.1f}x the CPU time of 1/{FACTOR} of it, "
        f"{int(max_rss_kb) // 1024} MB"
    )


@pytest.mark.parametrize(
    "piece", ["[x](好。", "*a。", "_a。", "<a 好。", "`好。", "![好。", "**好。** ", HOSTILE_PIECE]
)
@pytest.mark.slow
def test_lines_parsed_for_inline_markup_segment_in_linear_time(piece: str) -> None:
    # Lines up to INLINE_LIMIT, full of sentence ends, are parsed by markdown-it for the spans
    # that must not be cut: the parse must stay linear on hostile markup too.
    from pipeline.editions.assemble import render
    from pipeline.markdown.parser import INLINE_LIMIT
    from pipeline.text.segment import segment
    from pipeline.text.source import parse

    def line(size: int) -> str:
        return (piece * (size // len(piece) + 1))[:size]

    small = (INLINE_LIMIT - 1) // FACTOR
    segmented: dict[str, Document] = {}  # the large run's document, checked below rather than made again

    def prepare(size: int) -> Callable[[], object]:
        text = line(INLINE_LIMIT - 1 if size == FACTOR * small else size)  # the large size: the longest line parsed

        def work() -> None:
            segmented[text] = segment(parse(text, Path("x.md"), "x"))

        return work

    assert_linear(prepare, small, piece, repeats=1)
    text = line(INLINE_LIMIT - 1)
    document = segmented[text]
    assert sum(1 for _ in document.segments()) > 1  # the line was split into sentences
    assert render(document, {}, True) == text


@pytest.mark.parametrize("piece", ["[x](", "*a", "_a", "<a ", HOSTILE_PIECE])
def test_the_html_edition_of_a_long_hostile_line_is_linear_too(piece: str) -> None:
    from pipeline.editions import html

    pages: dict[int, str] = {}  # the large run's page, checked below rather than made again

    def prepare(size: int) -> Callable[[], object]:
        text = piece * (size // len(piece))

        def work() -> None:
            pages[size] = html.page(text, "en")

        return work

    assert_linear(prepare, 1_000_000 // FACTOR, piece)
    assert "<script" not in pages[1_000_000]


# ---------------------------------------------------------------- translations that would inject content

INJECTIONS = {
    "標題": "Title [click](javascript:alert(1))",
    "第一句話。": "# Injected heading\n\n<script>alert(1)</script>",  # begins its block
    "第二句話！": "<img src=x onerror=alert(1)>\n- item",  # within it
    "最後一段。": "[x]: javascript:alert(1)",  # a link definition would hide the text
}


def test_translations_stay_text_in_both_editions(new_project: MakeProject) -> None:
    root = new_project(ARTICLE)
    assert run(root, "update", "--lang", "en").exit_code == 0
    po = root / "locales" / "en" / "LC_MESSAGES" / "article.po"
    cat = po_file.read(po)
    entries = tuple(e.evolve(msgstr=INJECTIONS.get(e.msgid, e.msgstr)) for e in cat.entries)
    po.write_text(render(replace(cat, entries=entries)), encoding="utf-8")
    assert run(root, "build", "--lang", "en", "--no-update", "--format", "all").exit_code == 0
    markdown = (root / "build" / "en" / "article.md").read_text(encoding="utf-8")
    assert markdown == (
        "# Title [click](javascript:alert(1))\n"
        "\n"
        "\\# Injected heading <script>alert(1)</script> <img src=x onerror=alert(1)> - item\n"
        "\n"
        "\\[x]: javascript:alert(1)\n"
    )  # the source's lines and blocks, each translation inside its own
    page = (root / "build" / "en" / "article.html").read_text(encoding="utf-8")
    assert page.count("<h1>") == 1 and "<ul>" not in page
    assert "<script" not in page and "<img" not in page and 'href="javascript' not in page
    assert (
        "<p># Injected heading &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; - item</p>"
        in page
    )
    assert "<p>[x]: javascript:alert(1)</p>" in page


@pytest.mark.parametrize(
    ("translation", "first", "cell", "expected"),
    [
        ("# heading", True, False, "\\# heading"),
        ("###### six", True, False, "\\###### six"),
        ("#hashtag", True, False, "#hashtag"),  # not a heading in CommonMark
        ("> quote", True, False, "\\> quote"),
        ("- item", True, False, "\\- item"),
        ("+ item", True, False, "\\+ item"),
        ("* item", True, False, "\\* item"),
        ("*Financial Times* reported", True, False, "*Financial Times* reported"),  # emphasis stays
        ("1. one", True, False, "1\\. one"),
        ("2025) was", True, False, "2025\\) was"),
        ("2025 was", True, False, "2025 was"),
        ("---", True, False, "\\---"),
        ("* * *", True, False, "\\* * *"),
        ("===", True, False, "\\==="),
        ("```python", True, False, "\\```python"),
        ("~~~", True, False, "\\~~~"),
        ("<div>", True, False, "\\<div>"),
        ("<!-- hidden -->", True, False, "\\<!-- hidden -->"),
        ("[x]: http://a", True, False, "\\[x]: http://a"),
        ("[OpenAI](https://openai.com) said", True, False, "[OpenAI](https://openai.com) said"),
        ("    code", True, False, "code"),
        ("a\nb\r\nc\rd", False, False, "a b c d"),
        ("# not first", False, False, "# not first"),
        ("a | b \\| c", False, True, "a \\| b \\| c"),
        ("a | b", False, False, "a | b"),
    ],
)
def test_a_translation_cannot_open_a_block(translation: str, first: bool, cell: bool, expected: str) -> None:
    assert as_text(translation, first=first, cell=cell) == expected


@pytest.mark.parametrize(
    "line",
    [
        lambda n: "!" * n + "a",  # every ! asks where the run of marks ends
        lambda n: "！？" * (n // 2) + "a",
        lambda n: "!" * (n // 2) + ")" * (n // 2) + "a",  # and where the closers after it end
        lambda n: "好!" + "」" * n + "a",
    ],
    ids=["marks", "fullwidth marks", "marks and closers", "closers"],
)
def test_long_runs_of_sentence_marks_split_in_linear_time(line: Callable[[int], str]) -> None:
    from pipeline.text import sentences

    def prepare(size: int) -> Callable[[], object]:
        text = line(size)
        return lambda: sentences.split(text)

    assert_linear(prepare, 12_500, line(10))  # was minutes at 200,000: each mark walked the rest of the run
    text = line(12_500)
    spans = sentences.split(text)
    assert "".join(text[start:end] for start, end in spans) == text  # nothing lost, nothing doubled


@pytest.mark.parametrize("piece", ["<!--", "<!-- a -->", "`a", "``a`", "[a](", "<a href='", "![a](b", "<http://"])
def test_the_markup_check_is_linear_on_hostile_text(piece: str) -> None:
    from pipeline import qa
    from pipeline.qa.checks.markup import markup as markup_check

    language = qa.language("en", None, traditional_source=True, names=(), glossary=None)

    def prepare(size: int) -> Callable[[], object]:
        text = piece * (size // len(piece))
        return lambda: markup_check(text, text[:-1], language)

    assert_linear(prepare, 12_500, piece)  # unclosed "<!--" x 25,000 took 13 s
