"""Tests of pipeline/text/."""
