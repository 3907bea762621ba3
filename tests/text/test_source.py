"""Reading a source: strict UTF-8, line endings and BOM remembered, glosses removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import PipelineError, SourceError
from pipeline.text.source import Source, decode, parse, read

ARTICLE = Path(__file__).resolve().parents[2] / "source" / "article.md"
HERE = Path("source/x.md")


# ---------------------------------------------------------------- decode


def test_decode_valid_utf8() -> None:
    assert decode("可現在,風向變了。\n".encode(), HERE) == "可現在,風向變了。\n"
    assert decode(b"", HERE) == ""


def test_decode_keeps_the_bom_for_parse() -> None:
    assert decode(b"\xef\xbb\xbfabc", HERE) == "\ufeffabc"


@pytest.mark.parametrize(
    ("data", "offset", "byte", "line"),
    [
        (b"\xff", 0, 0xFF, 1),
        ("第一行\n".encode() + b"ab\xe7\xab", 12, 0xE7, 2),  # a truncated character at the end
        ("第一行\n第二行\n".encode() + b"\xa4\xa4\xa4\xe5", 20, 0xA4, 3),  # Big5 bytes
        (b"a\r\nb\r\n\xc3(", 6, 0xC3, 3),
        (b"a\rb\rc\r\x80", 6, 0x80, 4),  # CR-only (old Mac) line endings count as lines too
        (b"a\n\rb\r\n\xfe", 6, 0xFE, 4),  # mixed endings
        (b"\xed\xa0\x80", 0, 0xED, 1),  # an encoded surrogate is not UTF-8
    ],
)
def test_decode_rejects_invalid_utf8_naming_offset_and_line(data: bytes, offset: int, byte: int, line: int) -> None:
    with pytest.raises(SourceError) as caught:
        decode(data, HERE)
    error = caught.value
    assert error.line == line
    assert error.path == str(HERE)
    assert f"byte offset {offset}" in error.message
    assert f"0x{byte:02x}" in error.message
    assert "UTF-8" in error.message
    assert str(error).startswith(f"{HERE}:{line}: not valid UTF-8")
    assert isinstance(error, PipelineError)
    assert error.exit_code == 2


@pytest.mark.parametrize(
    ("data", "offset", "line"),
    [(b"\x00", 0, 1), (b"abc\ndef\x00", 7, 2), (b"a\rb\r\x00x", 4, 3), (b"\x00\xff", 0, 1)],
)
def test_decode_refuses_nul_bytes(data: bytes, offset: int, line: int) -> None:
    with pytest.raises(SourceError) as caught:
        decode(data, HERE)
    assert caught.value.line == line
    assert f"NUL byte at byte offset {offset}" in caught.value.message
    assert "binary" in caught.value.message


# ---------------------------------------------------------------- parse


@pytest.mark.parametrize(
    ("text", "lines", "endings"),
    [
        ("", (), ()),
        ("a", ("a",), ("",)),
        ("a\n", ("a",), ("\n",)),
        ("\n", ("",), ("\n",)),
        ("\n\n", ("", ""), ("\n", "\n")),
        ("a\nb", ("a", "b"), ("\n", "")),
        ("a\r\nb\r\n", ("a", "b"), ("\r\n", "\r\n")),
        ("a\rb\r", ("a", "b"), ("\r", "\r")),
        ("a\r\nb\nc\rd", ("a", "b", "c", "d"), ("\r\n", "\n", "\r", "")),
        ("a\n\rb", ("a", "", "b"), ("\n", "\r", "")),  # LF then CR is two endings, not one
        ("a\r\r\nb", ("a", "", "b"), ("\r", "\r\n", "")),
        ("  \n\t\r\n", ("  ", "\t"), ("\n", "\r\n")),
    ],
)
def test_parse_remembers_every_line_ending(text: str, lines: tuple[str, ...], endings: tuple[str, ...]) -> None:
    source = parse(text, HERE, "x")
    assert source.lines == lines
    assert source.endings == endings
    assert source.text() == text
    assert source.final_newline == (text.endswith(("\n", "\r")))
    assert not source.bom


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("\ufeff", ()),
        ("\ufeff正文", ("正文",)),
        ("\ufeff正文\r\n", ("正文",)),
        ("\ufeff\ufeff正文", ("\ufeff正文",)),  # only the first is a BOM
    ],
)
def test_parse_remembers_the_bom(text: str, lines: tuple[str, ...]) -> None:
    source = parse(text, HERE, "x")
    assert source.bom
    assert source.lines == lines
    assert source.text() == text


def test_a_bom_later_in_the_text_is_text() -> None:
    source = parse("正文\ufeff", HERE, "x")
    assert not source.bom
    assert source.lines == ("正文\ufeff",)


def test_parse_removes_glosses_line_by_line_and_keeps_the_endings() -> None:
    text = "全球AI競(jìng)賽\r\n平臺(tái))爆出\n件(shè)"
    source = parse(text, HERE, "x")
    assert source.lines == ("全球AI競賽", "平臺)爆出", "件(shè)")
    assert source.text() == "全球AI競賽\r\n平臺)爆出\n件(shè)"


def test_source_fields() -> None:
    source = parse("a\n", Path("source/sub/x.md"), "sub/x")
    assert source.path == Path("source/sub/x.md")
    assert source.domain == "sub/x"
    assert source == Source(Path("source/sub/x.md"), "sub/x", ("a",), ("\n",), False)
    assert not Source(HERE, "x", (), ()).final_newline


# ---------------------------------------------------------------- read


def test_read_the_real_article() -> None:
    source = read(ARTICLE, "article", Path("source/article.md"))
    assert len(source.lines) == 42
    assert not source.final_newline  # the article ends without a newline
    assert not source.bom
    assert source.endings == ("\n",) * 41 + ("",)
    assert source.lines[1] == "可現在,風向變了。"
    assert source.lines[2] == "![]()"
    assert source.lines[41].startswith("Notice: The content above")
    assert source.path == Path("source/article.md")
    raw = ARTICLE.read_text(encoding="utf-8")
    assert len(source.text()) < len(raw)  # glosses gone
    assert source.text().count("\n") == raw.count("\n")


@pytest.mark.parametrize(
    "data",
    [b"a\r\nb\r\n", b"a\rb", b"\xef\xbb\xbfa\nb\n", b"a\n\n\n", "正文\r\n第二行\r第三行\n".encode(), b""],
)
def test_read_reproduces_the_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(data)
    assert read(path, "x").text().encode("utf-8") == data


def test_read_errors_name_the_displayed_path(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(b"ok\n\xff")
    with pytest.raises(SourceError) as caught:
        read(path, "x", Path("source/x.md"))
    assert str(caught.value).startswith("source/x.md:2: not valid UTF-8 at byte offset 3")


def test_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="source file not found") as caught:
        read(tmp_path / "missing.md", "missing", Path("source/missing.md"))
    assert caught.value.path == "source/missing.md"
    assert caught.value.line is None


def test_read_a_folder(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read"):
        read(tmp_path, "x")


@pytest.mark.parametrize(
    ("text", "encoding", "named"),
    [
        ("颱風明天登陸，請民眾注意安全。氣象署表示，這是今年第一個颱風。", "big5", "BIG5"),
        ("台风明天登陆，请民众注意安全。气象署表示，这是今年第一个台风。", "gbk", "GB18030"),
        ("颱風明天登陸，請民眾注意安全。", "gb18030", "GB18030"),
    ],
)
def test_a_legacy_chinese_source_is_named_with_the_command_that_converts_it(
    text: str, encoding: str, named: str
) -> None:
    with pytest.raises(SourceError) as caught:
        decode(text.encode(encoding), HERE)
    assert f"it looks like {named}: convert it with iconv -f {named} -t UTF-8" in caught.value.message


def test_bytes_that_are_no_chinese_encoding_get_no_guess() -> None:
    with pytest.raises(SourceError) as caught:
        decode("café".encode("latin-1"), HERE)
    assert "looks like" not in caught.value.message
    assert "e.g. with iconv" in caught.value.message
