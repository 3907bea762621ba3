"""Markdown syntax: the inline spans sentences must not cut and conversion must not touch."""
