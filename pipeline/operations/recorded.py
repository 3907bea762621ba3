"""A current template from its record: merging a document's catalogs without building its template again.

When the cache vouches that a document's ``.pot`` is what its source gives now (its fact
holds: same source, settings, glossary and code), what the merge needs of the template —
each language's version of it, ``glossary.localise``'s — comes from the template record
(``pipeline.workspace.templates``) that the run which built that template kept: no
segmentation, no template built, rendered or parsed, no glossary search. ``payload`` makes
the record of a built template; ``known`` reads it back for the very ``.pot`` content the fact
names, or gives None (the caller then builds the template as usual). Why and what it saves:
docs/many-documents.md ("The template records").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline.l10n.glossary import COMMENT_PREFIX, Glossary, is_comment
from pipeline.l10n.template import Columns, SourceWarning
from pipeline.operations.plan import PlannedFile
from pipeline.operations.records import template_warnings
from pipeline.po.model import ENTRY_DEFAULTS, Catalog, Entry
from pipeline.workspace import cache, templates
from pipeline.workspace.project import DocumentFile, Project

Comments = tuple[str, ...]


@dataclass(frozen=True)
class KnownTemplate:
    """A document's template as its record gives it: the file (unchanged), and its entries in parts.

    Per entry: the msgid, the extracted comments but the glossary's (``kept``), the glossary
    terms found in the msgid (``found``: ``Glossary.find``'s answer when the template was
    built) and the references; ``localised`` puts a language's entries together from them.
    """

    file: DocumentFile
    template_file: PlannedFile  # the .pot, unchanged: its data is not read
    content: str  # the .pot's content hash
    warnings: tuple[SourceWarning, ...]
    header: Catalog  # the template's header, without entries
    msgids: list[str]
    kept: list[Comments]
    found: list[Comments]
    references: list[Comments]

    def localised(self, terms: Glossary, language: str) -> Catalog:
        """What ``glossary.localise(template, glossary, language)`` gives, from the parts.

        There, an entry keeps its comments but the glossary's and gets ``language``'s own term
        comment for each term ``glossary.find`` finds in its msgid, in that order; here the
        record has both halves, so that no entry is searched again (the glossary is part of the
        cache environment: the answers are those a search would give now).
        """
        own = terms.language_comments(language)
        extra: dict[Comments, Comments] = {(): ()}  # the terms found -> their comments (few distinct)
        entries: list[Entry] = []
        append, defaults, new = entries.append, ENTRY_DEFAULTS, object.__new__
        for msgid, kept, found, references in zip(self.msgids, self.kept, self.found, self.references, strict=True):
            comments = kept
            if found:
                added = extra.get(found)
                if added is None:
                    added = extra[found] = tuple(own[source] for source in found if source in own)
                if added:
                    comments = kept + added
            entry = new(Entry)  # ``entry_with(defaults, {...})`` inlined: 50,000 entries a catalog
            fields = entry.__dict__
            fields.update(defaults)
            fields["msgid"] = msgid
            fields["extracted_comments"] = comments
            fields["references"] = references
            append(entry)
        return Catalog(
            header=self.header.header,
            header_comments=self.header.header_comments,
            header_flags=self.header.header_flags,
            entries=tuple(entries),
            has_header=self.header.has_header,
        )


def payload(template: Catalog, glossary: Glossary) -> tuple[Any, ...]:
    """The record of ``template``, just built with ``glossary`` (whose answers for its msgids are at hand)."""
    entries = template.entries
    msgids = [e.msgid for e in entries]
    comments = [e.extracted_comments for e in entries]
    return columns_payload(template, msgids, comments, [e.references for e in entries], glossary)


def columns_payload(
    header: Catalog, msgids: list[str], comments: list[Comments], references: list[Comments], glossary: Glossary
) -> tuple[Any, ...]:
    """``payload`` of the template with ``header`` and these messages (``template.Columns``'s lists)."""
    found = list(map(glossary.find, msgids)) if glossary else [()] * len(msgids)
    tails, prefix = _kept_tails(), COMMENT_PREFIX
    # an entry's one comment that is not the glossary's is kept as it is (most entries): no call for it
    kept = [c if len(c) == 1 and not c[0].startswith(prefix) else tails(c) for c in comments]
    head = (header.header, header.header_comments, header.header_flags, header.has_header)
    return (*head, msgids, kept, found, references)


def _glossary_comment(comment: str) -> bool:
    """A comment ``glossary.localise`` takes out (the template's glossary comments)."""
    return comment.startswith(COMMENT_PREFIX) and is_comment(comment)


def _kept_tails() -> Callable[[Comments], Comments]:
    """``comments`` without the glossary's, as ``glossary.localise`` keeps them.

    All but the first comment of an entry (its place) are its glossary terms, of which a
    document has few distinct combinations: those are filtered once each.
    """
    tails: dict[Comments, Comments] = {(): ()}
    prefix = COMMENT_PREFIX

    def kept(comments: Comments) -> Comments:
        if not comments:
            return comments
        rest = comments[1:]
        tail = tails.get(rest)
        if tail is None:
            tail = tails[rest] = tuple(c for c in rest if not _glossary_comment(c))
        if comments[0].startswith(prefix) and is_comment(comments[0]):
            return tail
        if not tail:
            return comments[:1]
        return comments if len(tail) == len(rest) else comments[:1] + tail

    return kept


def known(project: Project, file: DocumentFile, fact: cache.Fact, environment: str) -> KnownTemplate | None:
    """The template that ``fact`` (the cache's, about the document's ``.pot``) vouches for, from its record;
    None if there is no sound record of that very content."""
    found = templates.load(project.root, file.domain, environment, fact.digest)
    if not (isinstance(found, tuple) and len(found) == 8):
        return None
    header, header_comments, header_flags, has_header, msgids, kept, terms, references = found
    path = project.template_path(file.domain)
    planned = PlannedFile(path, project.display(path), b"", False, False)
    return KnownTemplate(
        file,
        planned,
        fact.digest,
        template_warnings(project.display(file.path), fact.info),
        Catalog(header=header, header_comments=header_comments, header_flags=header_flags, has_header=has_header),
        msgids,
        kept,
        terms,
        references,
    )


def keep(project: Project, file: DocumentFile, environment: str, content: str, built: Columns) -> None:
    """Keep the record of the template ``built`` (just built; ``content``: the hash of its ``.pot``)."""
    record = columns_payload(built.header, built.msgids, built.comments, built.references, project.glossary)
    templates.save(project.root, file.domain, environment, content, record)
