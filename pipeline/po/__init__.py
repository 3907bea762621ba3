"""The gettext format: catalogs as data, reading and writing .po/.pot/.mo files.

- ``model``: ``Entry`` and ``Catalog``, frozen records.
- ``file``: ``load``, the one function that reads a catalog file (bytes read once, handed on
  in ``CatalogFile``), and ``prepare``, what the next write changes about the file.
- ``decode`` (bytes to text, by the header's charset), ``parse`` (the strict PO reader),
  ``mo`` (compiled catalogs): what ``file`` reads with; nothing outside this package uses them.
- ``write``: ``render``, the one layout every catalog is written in (``msgcat --no-wrap``'s).
- ``layout``: what an entry says whatever layout an editor wrote it in (``check`` uses it).
- ``header``: the one place that makes and updates headers.
"""
