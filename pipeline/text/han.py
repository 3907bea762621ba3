"""Han characters: the one definition every stage uses to tell Chinese text from the rest.

``HAN`` is the character class body (the CJK Unified Ideographs, Extensions A to H, and the
Compatibility Ideographs), for patterns that build on it; ``HAN_CHAR`` matches one character.
"""

from __future__ import annotations

import re

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_CHAR = re.compile(f"[{HAN}]")


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Han character (Chinese to translate or convert)."""
    return bool(HAN_CHAR.search(text))
