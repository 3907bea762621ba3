"""Image-only lines: a line of nothing but Markdown images, read as segmentation, the review
page and the workbench read it (the images' descriptions, titles and sources)."""

from __future__ import annotations

import re

# One image of an image-only line, in its parts: ``![`` alt ``](`` destination, then an optional
# title in double or single quotes, and the close. Anything else in it (a title in parentheses)
# is passed through as it is.
PARTS = re.compile(r"""(!\[)([^\]]*)(\]\([ \t]*(?:<[^>\n]*>|[^\s)]*))(?:([ \t]+)(?:"([^"]*)"|'([^']*)'))?([ \t]*\))""")
_ONLY = re.compile(r"\s*(?:!\[[^\]]*\]\([^)]*\)\s*)+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?[^)]*\)")


def only_images(text: str) -> bool:
    """Whether ``text`` is one or more images and white space, nothing else."""
    return _ONLY.fullmatch(text) is not None


def described(image: re.Match[str]) -> bool:
    """Whether an image (a ``PARTS`` match) has a description or title with something in it."""
    return any((image.group(g) or "").strip() for g in (2, 5, 6))


def image_line(text: str) -> tuple[tuple[str, str], ...]:
    """The (alt text, source) of each image of a line that holds only images; () for any other line."""
    found = tuple((m.group(1), m.group(2)) for m in _IMAGE.finditer(text))
    if found and not _IMAGE.sub("", text).strip():
        return found
    return ()
