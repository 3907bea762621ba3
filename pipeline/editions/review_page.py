"""The bilingual review page: source and translation side by side. Pure: no I/O.

One row per segment, in source order (a sentence that occurs twice has two rows, both
pointing at its one catalog entry). Each row shows the source sentence; the translation,
or the fallback the edition shows instead (visibly marked: the source text, or for a
language with a converter the converter's output); the status as a colour and a
word; the ``.po`` file and line to edit; for a fuzzy entry the previous source text as a
highlighted diff; and the quality-check findings, when a checker supplies them. Each
paragraph is a group of rows with a rule above it, labelled when it is not a plain
paragraph (heading, list item, block quote, table cell, image description or title);
image lines and code blocks appear as markers. Source and translation show their inline
Markdown rendered (``**…**`` bold, links, code) by markdown-it with raw HTML off.

The page is one HTML5 file with inline CSS and a few lines of plain JavaScript for the
filter buttons (all / needs work / fuzzy / untranslated). Without JavaScript the buttons
stay hidden and every row is shown. Every piece of text is escaped, and a
Content-Security-Policy lets only the page's own script run. The HTML is the Jinja2
template ``templates/review.html``, autoescaped (docs/editions.md).
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from pipeline.editions import templating
from pipeline.editions.html import FONT_STACK, MONO, markdown_parser
from pipeline.l10n import languages
from pipeline.l10n.convert import MachineFill
from pipeline.l10n.counts import FUZZY, MACHINE, PERSON, STATUSES, TRANSLATED, UNTRANSLATED, Counts, count, status_of
from pipeline.markdown import images
from pipeline.markdown.parser import INLINE_LIMIT
from pipeline.po.model import Catalog, Entry
from pipeline.text.segment import Block, Document, Segment

# The status words (``counts.status_of``) as the reader sees them, and the CSS/data names behind them.
SLUGS = {TRANSLATED: "translated", MACHINE: "machine", PERSON: "person", FUZZY: "fuzzy", UNTRANSLATED: "untranslated"}
NEEDS_WORK = (FUZZY, UNTRANSLATED)
FILTERS = (("all", "all"), ("needs-work", "needs work"), ("fuzzy", "fuzzy"), ("untranslated", "untranslated"))

Findings = Mapping[str, Sequence[str]]
"""Quality-check findings: msgid -> messages. Supplied by a checker; shown under the row."""


@dataclass(frozen=True)
class Row:
    """One segment with what the catalog says about it."""

    segment: Segment
    entry: Entry | None  # None: the catalog has no entry for it (not updated yet)
    status: str  # one of STATUSES
    machine_fallback: str | None = None  # with no usable translation, a converter language's edition shows this

    @property
    def shown(self) -> str:
        """What the edition shows for this segment: the translation, the converter's output or the source text."""
        if self.entry is not None and self.entry.translated:
            return self.entry.msgstr
        return self.segment.text if self.machine_fallback is None else self.machine_fallback


@dataclass(frozen=True)
class ImageLine:
    """A line of the source that holds only images."""

    line: int
    markdown: str
    sources: tuple[str, ...]  # each image's URL ("" for an image without one)


@dataclass(frozen=True)
class CodeBlock:
    """Lines of a code block: passed through untranslated, shown so the reader sees where they stand."""

    line: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    rows: tuple[Row, ...]
    kind: str = "paragraph"  # the block's kind (``segment.BLOCK_KINDS``): heading, list item, table cell…

    @property
    def number(self) -> int:
        return self.rows[0].segment.paragraph

    @property
    def line(self) -> int:
        return self.rows[0].segment.line


Item = Paragraph | ImageLine | CodeBlock


@dataclass(frozen=True)
class Review:
    """Everything the page shows, before it becomes HTML."""

    items: tuple[Item, ...]
    counts: Counts  # per catalog entry, as `status` counts them
    machine_filled: bool

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(row for item in self.items if isinstance(item, Paragraph) for row in item.rows)

    def row_counts(self) -> dict[str, int]:
        """Rows per status word (a repeated sentence counts once per occurrence)."""
        counted = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            counted[row.status] += 1
        return counted


def collect(document: Document, catalog: Catalog, machine: MachineFill | None) -> Review:
    """Pair each segment of ``document`` with its entry in ``catalog``, in source order."""
    entries = {e.msgid: e for e in catalog.live if e.msgctxt is None}
    statuses: dict[str, str] = {}
    items: list[Item] = []
    for number, parts in enumerate(document.lines, start=1):
        blocks = [part for part in parts if isinstance(part, Block)]
        if not blocks and number - 1 in document.code:
            text = "".join(part for part in parts if isinstance(part, str))
            last = items[-1] if items else None
            if isinstance(last, CodeBlock) and last.line + last.text.count("\n") + 1 == number:
                items[-1] = CodeBlock(last.line, f"{last.text}\n{text}")
            else:
                items.append(CodeBlock(number, text))
            continue
        if not blocks:
            text = "".join(part for part in parts if isinstance(part, str))
            found = images.image_line(text)
            if found:
                items.append(ImageLine(number, text.strip(), tuple(source for _, source in found)))
            continue
        for block in blocks:
            rows = []
            for segment in block.segments:
                entry = entries.get(segment.text)
                if segment.text not in statuses:
                    statuses[segment.text] = status_of(entry, machine)
                status = statuses[segment.text]
                fallback = machine(segment.text) if machine is not None and status in NEEDS_WORK else None
                rows.append(Row(segment, entry, status, fallback))
            items.append(Paragraph(tuple(rows), block.kind))
    return Review(tuple(items), count(catalog, machine), machine is not None)


# ---------------------------------------------------------------- diff


_TOKEN = re.compile(r"[A-Za-z0-9_']+|\s+|.", re.DOTALL)


def diff(old: str, new: str) -> Markup:
    """HTML for the change from ``old`` to ``new``: removed text in <del>, added in <ins>.

    Latin words are compared whole, everything else (Han characters, punctuation) one
    character at a time.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[Markup] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Markup("<del>{}</del>").format("".join(a[i1:i2])))
        if j2 > j1:
            out.append(Markup("<ins>{}</ins>").format("".join(b[j1:j2])))
    return Markup("").join(out)


# ---------------------------------------------------------------- the page

CSS = f"""\
:root {{ color-scheme: light; --translated: #1a7f37; --machine: #0b62c4; --person: #8250df;
  --fuzzy: #9a6700; --untranslated: #c4302b; --rule: #d5d9de; --muted: #5e646d; }}
* {{ box-sizing: border-box; }}
[hidden] {{ display: none !important; }}
html {{ font-family: {FONT_STACK["latin"]}; }}
body {{ margin: 0; background: #f6f7f9; color: #1d1f23; font-size: 15px; line-height: 1.6; }}
header, main {{ max-width: 96rem; margin: 0 auto; padding: 0 1.25rem; }}
header {{ padding-top: 1.5rem; }}
h1 {{ font-size: 1.5rem; margin: 0 0 0.25rem; }}
.subtitle {{ color: var(--muted); margin: 0 0 1rem; }}
.figures {{ display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; margin: 0 0 0.75rem; padding: 0; list-style: none; }}
.figures strong {{ font-size: 1.15rem; }}
.bar {{ display: flex; height: 0.6rem; border-radius: 0.3rem; overflow: hidden; background: var(--untranslated);
  margin: 0 0 1rem; max-width: 40rem; }}
.bar span {{ display: block; }}
.filters {{ position: sticky; top: 0; z-index: 1; background: #f6f7f9; padding: 0.5rem 0;
  display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; }}
.filters button {{ font: inherit; padding: 0.3rem 0.8rem; border: 1px solid var(--rule); border-radius: 999px;
  background: #fff; color: inherit; cursor: pointer; }}
.filters button[aria-pressed="true"] {{ background: #1d1f23; border-color: #1d1f23; color: #fff; }}
.note {{ color: var(--muted); font-size: 0.9em; }}
table {{ width: 100%; border-collapse: collapse; background: #fff; margin: 0.5rem 0 3rem; table-layout: fixed; }}
th, td {{ text-align: left; vertical-align: top; padding: 0.45rem 0.6rem; }}
thead th {{ background: #eceef1; font-size: 0.85em; color: var(--muted);
  font-weight: 600; }}
col.where {{ width: 6.5rem; }} col.status {{ width: 9.5rem; }} col.edit {{ width: 15rem; }}
tbody {{ border-top: 3px solid var(--rule); scroll-margin-top: 3.5rem; }}
tbody tr + tr td {{ border-top: 1px dashed #e6e8eb; }}
td.text {{ white-space: pre-wrap; overflow-wrap: anywhere; }}
td.text:lang(zh), td.text :lang(zh) {{ font-family: {FONT_STACK["zh-Hant"]}; line-height: 1.75; }}
td.text:lang(zh-Hans), td.text :lang(zh-Hans) {{ font-family: {FONT_STACK["zh-Hans"]}; }}
td.where, td.edit {{ font-size: 0.82em; color: var(--muted); }}
td.edit code {{ font-family: {MONO}; }}
.paragraph-number {{ font-weight: 600; color: #1d1f23; text-decoration: none; }}
.parts {{ color: var(--muted); }} .parts strong {{ font-size: 1em; }}
.badge {{ display: inline-block; padding: 0.05rem 0.5rem; border-radius: 999px; color: #fff; font-size: 0.82em;
  font-weight: 600; white-space: nowrap; }}
tr.segment {{ border-left: 5px solid transparent; }}
tr[data-status="translated"] {{ border-left-color: var(--translated); }}
tr[data-status="machine"] {{ border-left-color: var(--machine); }}
tr[data-status="person"] {{ border-left-color: var(--person); }}
tr[data-status="fuzzy"] {{ border-left-color: var(--fuzzy); background: #fff8e5; }}
tr[data-status="untranslated"] {{ border-left-color: var(--untranslated); background: #fdf1f0; }}
.s-translated {{ background: var(--translated); }} .s-machine {{ background: var(--machine); }}
.s-person {{ background: var(--person); }} .s-fuzzy {{ background: var(--fuzzy); }}
.s-untranslated {{ background: var(--untranslated); }}
.fallback {{ color: var(--muted); border-left: 3px dotted var(--untranslated); padding-left: 0.5rem; }}
.draft {{ margin-top: 0.4rem; border-left: 3px dotted var(--fuzzy); padding-left: 0.5rem; }}
.label {{ display: block; font-family: {FONT_STACK["latin"]}; font-size: 0.75em; font-weight: 600;
  text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); white-space: normal; }}
.previous {{ margin-top: 0.4rem; font-size: 0.92em; }}
del {{ background: #ffd7d5; text-decoration: line-through; }}
ins {{ background: #ccf0d6; text-decoration: none; }}
.findings {{ margin: 0.4rem 0 0; padding-left: 1.2rem; color: #8a3b00; font-size: 0.9em; }}
.comments {{ margin-top: 0.4rem; color: var(--muted); font-size: 0.9em; }}
.comments ul {{ margin: 0; padding-left: 1.2rem; }}
tbody.image td {{ color: var(--muted); font-size: 0.85em; background: #fafbfc; }}
.kind {{ display: inline-block; font-size: 0.9em; font-weight: 600; color: #1d1f23; background: #eceef1;
  border-radius: 3px; padding: 0 0.35rem; }}
tbody.code pre {{ margin: 0.3rem 0 0; white-space: pre-wrap; }}
.image-marker {{ display: inline-block; border: 1px dashed #aab0b9; border-radius: 3px; padding: 0 0.5rem;
  margin-right: 0.5rem; }}
"""

# Filter buttons: a few lines, no library. Rows carry data-status; needs work = fuzzy + untranslated.
SCRIPT = """\
(function () {
  var bar = document.getElementById("filters");
  var rows = document.querySelectorAll("tr.segment");
  var groups = document.querySelectorAll("tbody");
  function show(filter) {
    rows.forEach(function (row) {
      var s = row.dataset.status;
      var needsWork = s === "fuzzy" || s === "untranslated";
      row.hidden = !(filter === "all" || s === filter || (filter === "needs-work" && needsWork));
    });
    groups.forEach(function (group) {
      group.hidden = filter !== "all" && !group.querySelector("tr.segment:not([hidden])");
    });
    bar.querySelectorAll("button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.filter === filter));
    });
  }
  bar.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (button) { show(button.dataset.filter); }
  });
  bar.hidden = false;
})();
"""

_SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
CSP = (
    f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_SCRIPT_HASH}'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


@dataclass(frozen=True)
class Context:
    """Names and languages the page shows around the rows."""

    document: str  # the domain: "article"
    language: str  # target language code: "en"
    source_language: str  # "zh_Hant"
    source_path: str  # "source/article.md", as shown to people
    catalog_path: str  # "locales/en/LC_MESSAGES/article.po"


def page(review: Review, context: Context, findings: Findings | None = None) -> str:
    """The review page as one HTML5 document, from the template ``templates/review.html``.

    ``findings`` is the hook for quality checks: messages per msgid, shown under the row
    they concern. None (no checker run) shows none.
    """
    c = review.counts
    counted = review.row_counts()
    bar = (
        ("translated", c.translated - c.machine - c.person),
        ("machine", c.machine),
        ("person", c.person),
        ("fuzzy", c.fuzzy),
    )
    template = templating.environment("pipeline.editions").get_template("review.html")
    return template.render(
        lang="en",
        direction="ltr",
        csp=Markup(CSP),  # constants of this module, no outside text in them
        css=Markup(CSS),
        script=Markup(SCRIPT),  # byte for byte what CSP's hash is of
        title=f"Review: {context.document} — {languages.display_name(context.language)}, {context.language}",
        context=context,
        source=languages.bcp47(context.source_language),
        target=languages.bcp47(context.language),
        counts=c,
        percent=f"{c.percent:g}",
        segments=len(review.rows),
        paragraphs=sum(isinstance(i, Paragraph) for i in review.items),
        figures=(
            ("total", "entries", c.total),
            ("translated", "translated", c.translated),
            ("fuzzy", "fuzzy", c.fuzzy),
            ("untranslated", "untranslated", c.untranslated),
            ("obsolete", "obsolete", c.obsolete),
        ),
        machine_filled=review.machine_filled,
        machine_word=MACHINE,
        person_word=PERSON,
        bar=[(slug, f"{100 * value / c.total:.2f}") for slug, value in bar if c.total and value],
        filters=FILTERS,
        sizes={
            "all": len(review.rows),
            "needs-work": sum(counted[s] for s in NEEDS_WORK),
            "fuzzy": counted[FUZZY],
            "untranslated": counted[UNTRANSLATED],
        },
        items=[(_what(item), item) for item in review.items],
        findings=findings or {},
        slugs=SLUGS,
        usable=(TRANSLATED, MACHINE, PERSON),
        fuzzy=FUZZY,
        inline=inline,
        diff=diff,
    )


def _what(item: Item) -> str:
    if isinstance(item, ImageLine):
        return "image"
    return "code" if isinstance(item, CodeBlock) else "paragraph"


_MARKDOWN = markdown_parser()  # raw HTML off: every character is escaped


def inline(text: str) -> Markup:
    """``text`` as its inline Markdown shows (``**a**`` bold, links, code), escaped; plain
    escaped text when too long to parse in bounded time.

    Markup: markdown-it escapes every character of text it renders (raw HTML is off).
    """
    if len(text) > INLINE_LIMIT:
        return escape(text)
    return Markup(_MARKDOWN.renderInline(text))
