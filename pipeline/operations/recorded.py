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

from dataclasses import dataclass
from typing import Any

from pipeline.l10n.glossary import COMMENT_PREFIX, Glossary, is_comment
from pipeline.l10n.template import SourceWarning
from pipeline.operations.plan import PlannedFile
from pipeline.operations.records import template_warnings
from pipeline.po.model import ENTRY_DEFAULTS, Catalog, Entry, entry_with
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
        append, defaults = entries.append, ENTRY_DEFAULTS
        for msgid, kept, found, references in zip(self.msgids, self.kept, self.found, self.references, strict=True):
            comments = kept
            if found:
                added = extra.get(found)
                if added is None:
                    added = extra[found] = tuple(own[source] for source in found if source in own)
                if added:
                    comments = kept + added
            append(entry_with(defaults, {"msgid": msgid, "extracted_comments": comments, "references": references}))
        return Catalog(
            header=self.header.header,
            header_comments=self.header.header_comments,
            header_flags=self.header.header_flags,
            entries=tuple(entries),
            has_header=self.header.has_header,
        )


def payload(template: Catalog, glossary: Glossary) -> tuple[Any, ...]:
    """The record of ``template``, just built with ``glossary`` (whose answers for its msgids are at hand)."""
    prefix = COMMENT_PREFIX
    glossary_only: dict[Comments, bool] = {}  # a tail of comments -> all of them the glossary's (few distinct)
    msgids, kept, found, references = [], [], [], []
    for entry in template.entries:
        comments = entry.extracted_comments
        for i, comment in enumerate(comments):
            if comment.startswith(prefix):  # the first that may be the glossary's: the rest are, as a rule
                tail = comments[i:]
                only = glossary_only.get(tail)
                if only is None:
                    only = glossary_only[tail] = all(c.startswith(prefix) and is_comment(c) for c in tail)
                if only:
                    comments = comments[:i]
                else:
                    comments = tuple(c for c in comments if not (c.startswith(prefix) and is_comment(c)))
                break
        msgids.append(entry.msgid)
        kept.append(comments)
        found.append(glossary.find(entry.msgid))
        references.append(entry.references)
    head = (template.header, template.header_comments, template.header_flags, template.has_header)
    return (*head, msgids, kept, found, references)


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


def keep(project: Project, file: DocumentFile, environment: str, content: str, template: Catalog) -> None:
    """Keep the record of ``template`` (just built; ``content``: the hash of its ``.pot``)."""
    templates.save(project.root, file.domain, environment, content, payload(template, project.glossary))
