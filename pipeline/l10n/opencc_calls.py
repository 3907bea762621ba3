"""OpenCC itself: one converter per configuration, and its conversions of texts.

Its own module so that what only converts (the merge's variant keys, the settings' check of a
converter's name) loads OpenCC without the typography and Markdown spans of ``convert``
(start-up: ``update`` of a language with no converter loads neither).
"""

from __future__ import annotations

from functools import cache

import opencc

from pipeline.errors import ConfigError


@cache
def _opencc(config: str) -> opencc.OpenCC:
    try:
        return opencc.OpenCC(config)
    except RuntimeError as exc:  # what the binding raises for a configuration it cannot find
        raise ConfigError(f"unknown OpenCC configuration {config!r}: {exc}") from None


def check_converter(config: str) -> None:
    """Raise ConfigError now if ``config`` is not an OpenCC configuration."""
    _opencc(config)


def opencc_convert(text: str, config: str) -> str:
    return str(_opencc(config).convert(text))


def opencc_convert_many(texts: list[str], config: str) -> list[str]:
    """Convert many short texts in one call to OpenCC (the binding's per-call cost dominates
    for sentences): joined with a separator OpenCC leaves alone, converted, split again."""
    if not texts:
        return []
    separator = "\n\u2063\n"  # INVISIBLE SEPARATOR between newlines: no OpenCC phrase spans it
    if any(separator in text for text in texts):
        return [opencc_convert(text, config) for text in texts]
    converted = opencc_convert(separator.join(texts), config).split(separator)
    if len(converted) != len(texts):  # cannot happen with OpenCC's dictionaries; stay safe
        return [opencc_convert(text, config) for text in texts]
    return converted
