"""The translator's workbench: a local web editor over the project's own catalogs (``cli.py serve``).

- ``security``: the rules every request passes (token, Host, Origin, body size, CSP);
- ``editor``: pure functions that turn a document and its catalog into what the page shows,
  and apply one save to a catalog (the concurrency rules);
- ``helpers``: translation-memory suggestions, the CC-CEDICT dictionary and the concordance;
- ``app``: the Starlette application: pages (Jinja2 templates, autoescaped) and the JSON API.
"""
