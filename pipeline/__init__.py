"""Article localisation pipeline: source article -> gettext catalogs -> localised editions.

Stages, one module each: ``source`` (read, normalise), ``segment`` (Markdown blocks and
sentences), ``extract`` (template), ``merge`` (catalogs per language), ``convert``
(OpenCC and typography), ``match`` (finding where an edited segment came from),
``status`` (counts), ``assemble`` (editions), ``qa`` (quality checks), ``glossary``
(agreed terms), ``html`` (the edition as a web page), ``review`` (the side-by-side
review page). ``catalog`` is the PO data type, ``operations`` the commands (a package: a
module per command, over ``operations.plan``, ``operations.worker`` and ``operations.runner``), ``project``
and ``fs`` the I/O edges, ``pofile`` what a rewrite changes about a catalog file (charset,
line endings…), ``lock`` the project lock that serialises writing commands.
"""

__version__ = "0.1.0"
