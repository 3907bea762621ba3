"""Tests, laid out as pipeline/ is."""
