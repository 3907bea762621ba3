"""Exchange with professional translation tools: XLIFF 2.x and 1.2, TMX 1.4b, TBX.

Pure modules over small records, with the file I/O in ``run``:

- ``inline_codes``: a segment's inline Markdown as protected inline codes, and back.
- ``safexml``: the one XML parser every reader uses (no entities, no DTD, no network).
- ``xliff``: XLIFF 2.x and 1.2 documents read into ``records``; ``xliff_write`` writes them (incrementally).
- ``tmx``, ``tbx``: a language's translation memory, the glossary.
- ``importing``: what an imported file changes in a catalog (safely: see ``plan``).
- ``run``: the ``export`` and ``import`` commands (project, lock, atomic writes); ``output``: where
  ``export -o`` writes, never over the project's own files.

The catalog APIs are imported in ``records`` and ``run`` only.
"""
