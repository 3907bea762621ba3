"""The translator's workbench: a local web editor over the project's own catalogs (``cli.py serve``).

- ``security``: the rules every request passes (token, Host, Origin, body size, CSP);
- ``editor``: pure functions that turn a document and its catalog into what the page shows,
  and apply one save to a catalog (the concurrency rules);
- ``helpers``: translation-memory suggestions, the CC-CEDICT dictionary and the concordance;
- ``app``: ``create_app``, the routes table and the pages (Jinja2 templates, autoescaped);
- ``api``: the JSON endpoints (live checks, side panel, preview, state, update; the save is ``saving``);
- ``saving``: one save, under the project lock, with its conflict check;
- ``state``: one running workbench: lookups by id, caches of what was read, the save lock;
- ``web``: what every handler shares: ``BadRequest``, reading a JSON body, findings as JSON;
- ``overview``: the overview's rows when one catalog is broken.
"""
