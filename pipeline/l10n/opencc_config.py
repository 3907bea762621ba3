"""OpenCC's configurations: one made by name (once per process), and the check of a name the settings make.

Apart from ``convert`` so that reading the settings (every command) loads OpenCC's binding but
not the machine fill and the inline Markdown reader it needs (start-up).
"""

from __future__ import annotations

from functools import cache

import opencc

from pipeline.errors import ConfigError


@cache
def converter(config: str) -> opencc.OpenCC:
    """OpenCC's converter for ``config`` (``tw2s``…); ConfigError if there is no such configuration."""
    try:
        return opencc.OpenCC(config)
    except RuntimeError as exc:  # what the binding raises for a configuration it cannot find
        raise ConfigError(f"unknown OpenCC configuration {config!r}: {exc}") from None


def check(config: str) -> None:
    """Raise ConfigError now if ``config`` is not an OpenCC configuration.

    One of the configurations OpenCC ships (``opencc.CONFIGS``) is not loaded to be checked:
    every command reads the settings, and loading one costs 6 ms (start-up).
    """
    if f"{config}.json" not in getattr(opencc, "CONFIGS", ()):
        converter(config)
