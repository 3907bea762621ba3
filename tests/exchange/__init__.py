"""Tests of pipeline/exchange/."""
