"""The checks, one module per family, each registered under its id (``@register("id", ...)``).

- ``markup``: markup.py
- ``names``, ``acronyms``: names.py
- ``numbers``: numbers.py (the reading of numbers: ``pipeline.qa.numbers``)
- ``line-break``: line_break.py
- ``untranslated-copy``, ``cjk-left``, ``traditional-left``: chinese.py
- ``ending``, ``whitespace``: punctuation.py
- ``source-damage``: source_damage.py
- ``glossary``: glossary.py

Importing this package registers them all, in the order findings are reported.
"""

from pipeline.qa.checks import (  # noqa: F401 - imported to register; the order is the report order
    chinese,
    glossary,
    line_break,
    markup,
    names,
    numbers,
    punctuation,
    source_damage,
)
