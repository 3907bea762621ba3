"""Article localisation pipeline: source article -> gettext catalogs -> localised editions.

The folders are the flow: ``text`` (read a source, cut it into segments), ``markdown``
(Markdown syntax), ``po`` (the gettext format), ``l10n`` (stages over catalogs: template,
merge, conversion, glossary, counts), ``qa`` (the quality checks), ``editions`` (Markdown,
HTML and review pages), ``workspace`` (the project on disk), ``operations`` (the commands),
``exchange`` (XLIFF, TMX, TBX) and ``workbench`` (the browser editor). The tour, with
"where do I change…": docs/architecture.md.
"""

__version__ = "0.1.0"
