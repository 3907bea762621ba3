"""``render_messages``: a template's entries written from columns are what ``render`` writes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.po.model import Catalog, new_entry
from pipeline.po.write import render, render_messages
from tests.po.strategies import EXAMPLES, HEADER, LINE, NONEMPTY_TEXT, WORD

# The usual message (one comment, one short reference) drawn often, awkward ones too.
COMMENTS = st.one_of(
    st.builds(lambda p, s: (f"paragraph {p}, sentence {s}",), st.integers(1, 10**6), st.integers(1, 99)),
    st.lists(st.one_of(LINE.map(lambda c: c.strip()), st.just("C:\\"), st.just("")), max_size=3).map(tuple),
)
REFERENCES = st.one_of(
    st.builds(lambda line: (f"source/article.md:{line}",), st.integers(1, 10**6)),
    st.lists(st.one_of(WORD, st.just("source/" + "a" * 80 + ".md:1")), max_size=4).map(tuple),
)
MESSAGES = st.lists(st.tuples(NONEMPTY_TEXT, COMMENTS, REFERENCES), max_size=8)


@settings(max_examples=EXAMPLES)
@given(MESSAGES, st.booleans())
def test_columns_render_as_the_catalog_does(
    messages: list[tuple[str, tuple[str, ...], tuple[str, ...]]], header: bool
) -> None:
    head = Catalog(header=HEADER, header_comments=("A template.",), has_header=header)
    msgids = [m for m, _, _ in messages]
    comments = [c for _, c, _ in messages]
    references = [r for _, _, r in messages]
    entries = tuple(new_entry(msgid=m, extracted_comments=c, references=r) for m, c, r in messages)
    whole = Catalog(header=HEADER, header_comments=("A template.",), entries=entries, has_header=header)
    assert render_messages(head, msgids, comments, references) == render(whole)


def test_a_file_name_with_a_space_is_marked_as_render_marks_it() -> None:
    header = Catalog(header=HEADER)
    places = ("source/台北 新聞.md:1",)
    text = render_messages(header, ["甲。"], [("paragraph 1, sentence 1",)], [places])
    made = new_entry(msgid="甲。", extracted_comments=("paragraph 1, sentence 1",), references=places)
    assert text == render(Catalog(header=HEADER, entries=(made,)))
    assert "#: \u2068source/台北 新聞.md\u2069:1\n" in text
