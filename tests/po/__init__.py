"""Tests of pipeline/po/."""
