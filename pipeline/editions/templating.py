"""The Jinja2 environment the pages are rendered with: autoescaping on, whitespace kept exact.

Every value a template prints is escaped unless it is ``markupsafe.Markup``; the pages pass
as Markup only what is already HTML (markdown-it's rendering, which escapes as it goes) and
their own constants (CSS, script, Content-Security-Policy). See docs/editions.md.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def environment(package: str, folder: str = "templates") -> Environment:
    """The (shared, cached) environment for the templates in ``package``/``folder``.

    Autoescaping is on for every template, file or string; an undefined name is an error,
    not an empty string; block tags take their own line break with them, and a file's last
    line break stays, so a template's lines are the page's lines.
    """
    return Environment(
        loader=PackageLoader(package, folder),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
