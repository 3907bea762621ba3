"""Render a localised Markdown edition as a standalone HTML5 page. Pure: no I/O.

The Markdown is parsed by markdown-it-py (CommonMark plus tables) with raw HTML switched
off, so every character of every translation reaches the page escaped: a translation that
contains ``<script>`` shows as text. Links with ``javascript:`` and similar schemes are not
made into links (markdown-it's own link validation).

Two rules follow the rest of the pipeline rather than plain CommonMark:

- each line of a paragraph is a paragraph of its own, as ``segment`` reads it (Chinese
  articles put one paragraph on each line, with no blank line between them);
- an image without a source (``![]()``, common in articles copied from the web) is left
  out, with an HTML comment where it stood, instead of showing a broken image.

Bounded time: the parser is ``pipeline.markdown.parser.rendering``: a paragraph longer
than ``INLINE_LIMIT`` characters has its lines parsed one by one (each line is a paragraph
here anyway), and a single line longer than that is shown as plain text.

The page shell is the template ``templates/edition.html`` (Jinja2, autoescaping on; see
docs/editions.md). The page needs nothing from outside: inline CSS only (a CJK-friendly font
stack, line height and measure), no scripts, no web fonts. A Content-Security-Policy forbids scripts
outright, as a second line of defence behind the escaping.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup

from pipeline.editions import templating
from pipeline.l10n import languages
from pipeline.markdown import blocks, parser
from pipeline.text import sentences

TITLE_LENGTH = 80  # characters of a first sentence kept in <title>

# Latin first, then the CJK faces of each platform; each page's language picks the order
# of the Chinese faces so that Simplified and Traditional glyph forms come out right.
_LATIN = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans"'
_HANS = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC"'
_HANT = '"PingFang TC", "Microsoft JhengHei", "Noto Sans CJK TC", "Source Han Sans TC", "Noto Sans TC"'
FONT_STACK = {
    "latin": f"{_LATIN}, {_HANT}, {_HANS}, sans-serif",
    "zh-Hans": f"{_LATIN}, {_HANS}, {_HANT}, sans-serif",
    "zh-Hant": f"{_LATIN}, {_HANT}, {_HANS}, sans-serif",
}
MONO = 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", "Noto Sans Mono", monospace'

CSS = f"""\
:root {{ color-scheme: light dark; }}
html {{ font-family: {FONT_STACK["latin"]}; }}
html:lang(zh-Hans) {{ font-family: {FONT_STACK["zh-Hans"]}; }}
html:lang(zh-Hant) {{ font-family: {FONT_STACK["zh-Hant"]}; }}
body {{ margin: 0; background: #fcfcfa; color: #1d1f23; font-size: 1.125rem; line-height: 1.65; }}
html:lang(zh) body {{ line-height: 1.85; }}
main {{ max-width: 36em; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }}
html:lang(zh) main {{ max-width: 34em; }}
h1, h2, h3, h4, h5, h6 {{ line-height: 1.35; margin: 1.8em 0 0.6em; font-weight: 700; }}
h1 {{ font-size: 1.75em; margin-top: 0.5em; }}
h2 {{ font-size: 1.4em; }}
h3 {{ font-size: 1.2em; }}
p {{ margin: 0 0 1em; overflow-wrap: break-word; }}
html:lang(zh) p {{ text-align: justify; text-justify: inter-character; line-break: strict; }}
a {{ color: #0b57d0; }}
img {{ max-width: 100%; height: auto; }}
blockquote {{ margin: 1.2em 0; padding: 0 1em; border-left: 0.25em solid #c8ccd2; color: #4a4f57; }}
code, pre {{ font-family: {MONO}; font-size: 0.88em; }}
code {{ background: #eef0f3; padding: 0.1em 0.3em; border-radius: 3px; }}
pre {{ background: #eef0f3; padding: 0.8em 1em; overflow-x: auto; line-height: 1.45; border-radius: 4px; }}
pre code {{ background: none; padding: 0; }}
table {{ border-collapse: collapse; margin: 1em 0; display: block; overflow-x: auto; }}
th, td {{ border: 1px solid #c8ccd2; padding: 0.3em 0.7em; }}
hr {{ border: 0; border-top: 1px solid #c8ccd2; margin: 2em 0; }}
.image-missing {{ color: #6b7079; font-size: 0.85em; }}
@media (prefers-color-scheme: dark) {{
  body {{ background: #16181c; color: #dfe2e7; }}
  a {{ color: #8ab4f8; }}
  blockquote {{ color: #aab0b9; border-color: #444a53; }}
  code, pre {{ background: #23262c; }}
  th, td, hr {{ border-color: #444a53; }}
}}
@media print {{ body {{ background: none; }} main {{ max-width: none; padding: 0; }} }}
"""

# No scripts, no objects, no frames; styles only from the page itself; images from anywhere
# (an article may point at pictures on the web or next to the page).
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; base-uri 'none'; form-action 'none'"


def markdown_parser() -> MarkdownIt:
    """CommonMark plus tables, raw HTML off (so it is shown as text), HTML5 void tags."""
    md = parser.rendering()
    md.add_render_rule("image", _render_image)
    return md


def _render_image(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    if token.attrGet("src"):
        return self.image(tokens, idx, options, env)
    alt = self.renderInlineAsText(token.children or [], options, env)
    if not alt.strip():
        return "<!-- image without a source -->"
    return f'<span class="image-missing">[{escape(alt, quote=False)}]</span>'


_MD = markdown_parser()


def body(markdown: str, other_language: tuple[str, frozenset[int]] | None = None) -> str:
    """The HTML for the content of ``markdown`` (no page around it).

    ``other_language``: a language tag and the lines (0-based) written in it rather than in
    the page's language (paragraphs left untranslated): their blocks carry ``lang``.
    """
    tokens = _line_paragraphs(_MD.parse(_without_front_matter(markdown)))
    if other_language is not None:
        _mark_language(tokens, *other_language)
    return str(_MD.renderer.render(tokens, _MD.options, {}))


def _without_front_matter(markdown: str) -> str:
    """``markdown`` (BOM dropped) with its front matter's lines blank: it is the page's data, not its text
    (CommonMark would show YAML's ``---`` as a rule and its lines as a heading). Lines keep their numbers."""
    markdown = markdown.removeprefix("\ufeff")
    if not markdown.startswith(("---", "+++")):
        return markdown
    parts = _LINE_BREAK.split(markdown)  # lines and, between them, their endings
    end = blocks.front_matter_end(tuple(parts[0::2]))
    return "\n" * end + markdown[sum(map(len, parts[: 2 * end])) :] if end else markdown


_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")  # CommonMark's line endings (str.splitlines knows more)


_LINE_BLOCKS = ("paragraph_open", "heading_open", "list_item_open", "tr_open", "blockquote_open")


def _mark_language(tokens: list[Token], tag: str, lines: frozenset[int]) -> None:
    """``lang=tag`` on each one-line block that stands on one of ``lines``.

    A tight list item's paragraph is not written out, so the mark goes on the item itself
    (whose line range may take in the blank line after the list).
    """
    items: list[Token] = []  # the list items open around the current token
    for token in tokens:
        if token.type == "list_item_open":
            items.append(token)
        elif token.type == "list_item_close" and items:
            items.pop()
        one_line = token.map is not None and token.map[1] - token.map[0] == 1
        if one_line and token.type in _LINE_BLOCKS and token.map is not None and token.map[0] in lines:
            token.attrSet("lang", tag)
            if token.type == "paragraph_open" and token.hidden and items:
                items[-1].attrSet("lang", tag)


def title(markdown: str, fallback: str = "") -> str:
    """The text of the first heading, else the first sentence of the first paragraph."""
    tokens = _line_paragraphs(_MD.parse(_without_front_matter(markdown)))
    first_paragraph = ""
    for index, token in enumerate(tokens[:-1]):
        inline = tokens[index + 1]
        if inline.type != "inline":
            continue
        text = " ".join(_plain(inline.children or []).split())
        if token.type == "heading_open" and text:
            return _shorten(text)
        if token.type == "paragraph_open" and text and not first_paragraph:
            first_paragraph = text
    if first_paragraph:
        spans = sentences.split(first_paragraph)
        start, end = spans[0] if spans else (0, len(first_paragraph))
        return _shorten(first_paragraph[start:end])
    return fallback


def page(
    markdown: str,
    language: str,
    fallback_title: str = "",
    source: tuple[str, frozenset[int]] | None = None,
) -> str:
    """A complete HTML5 document for a localised edition written in ``language``.

    ``source``: the source's language and the lines still in it (see ``body``); marked only
    when that language is not the page's.
    """
    tag = languages.bcp47(language)
    other = None
    if source is not None and languages.bcp47(source[0]) != tag and source[1]:
        other = (languages.bcp47(source[0]), source[1])
    template = templating.environment("pipeline.editions").get_template("edition.html")
    return template.render(
        lang=tag,
        direction=languages.direction(language),
        csp=Markup(CSP),  # constants of this module, no outside text in them
        css=Markup(CSS),
        title=title(markdown, fallback_title),
        article=Markup(body(markdown, other)),  # markdown-it's HTML: raw HTML off, every text escaped
    )


# ---------------------------------------------------------------- tokens


def _line_paragraphs(tokens: list[Token]) -> list[Token]:
    """Each line of a paragraph becomes a paragraph; image-only paragraphs with no source go.

    In a tight list item (hidden paragraph) the lines are kept in one item, with line breaks.
    """
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != "paragraph_open" or index + 2 >= len(tokens):
            out.append(token)
            index += 1
            continue
        inline, close = tokens[index + 1], tokens[index + 2]
        lines = _split_lines(inline.children or [])
        if token.hidden:
            joined: list[Token] = []
            for number, line in enumerate(lines):
                if number:
                    joined.append(Token("hardbreak", "br", 0))
                joined.extend(line)
            out += [token, _inline(inline, joined, 0), close]
        else:
            for number, line in enumerate(lines):
                if _only_empty_images(line):
                    out.append(_comment(token, "image without a source"))
                    continue
                opening = token.copy()
                if token.map is not None and len(lines) > 1:
                    opening.map = [token.map[0] + number, token.map[0] + number + 1]
                out += [opening, _inline(inline, line, number), close.copy()]
        index += 3
    return out


def _split_lines(children: list[Token]) -> list[list[Token]]:
    lines: list[list[Token]] = [[]]
    for child in children:
        if child.type == "softbreak":
            lines.append([])
        else:
            lines[-1].append(child)
    return [line for line in lines if line] or [[]]


def _inline(template: Token, children: list[Token], number: int) -> Token:
    token = template.copy()
    token.children = children
    token.content = "".join(_source(child) for child in children)
    if template.map is not None:
        token.map = [template.map[0] + number, template.map[0] + number + 1]
    return token


def _source(token: Token) -> str:
    return token.content if token.type in ("text", "code_inline") else ""


def _only_empty_images(children: list[Token]) -> bool:
    images = [c for c in children if c.type == "image"]
    others = [c for c in children if c.type != "image" and not (c.type == "text" and not c.content.strip())]
    return bool(images) and not others and all(not image.attrGet("src") for image in images)


def _comment(paragraph: Token, text: str) -> Token:
    token = Token("html_block", "", 0, content=f"<!-- {text} -->\n", block=True)
    token.map = paragraph.map
    return token


def _plain(children: list[Token]) -> str:
    """The visible text of inline tokens (markup dropped, image descriptions kept)."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_plain(child.children or []))
    return "".join(parts)


def _shorten(text: str) -> str:
    return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1].rstrip() + "…"
