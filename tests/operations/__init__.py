"""Tests of pipeline/operations/."""
