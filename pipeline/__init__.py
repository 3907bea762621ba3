"""Article localisation pipeline: source article -> gettext catalogs -> localised editions.

Stages, one module each: ``source`` (read, normalise), ``segment`` (Markdown blocks and
sentences), ``extract`` (template), ``merge`` (catalogs per language), ``convert``
(OpenCC and typography), ``match`` (finding where an edited segment came from),
``status`` (counts), ``assemble`` (editions), ``qa`` (quality checks), ``glossary``
(agreed terms), ``html`` (the edition as a web page), ``review`` (the side-by-side
review page). ``po`` is the gettext format (model, reading, writing, headers; ``po.file``
loads catalog files and says what a rewrite changes about one: charset, line endings…),
``operations`` the commands (a package: a module per command, over ``operations.plan`` and
``operations.documents``), ``project`` and ``fs`` the I/O edges, ``lock`` the project lock
that serialises writing commands.
"""

__version__ = "0.1.0"
