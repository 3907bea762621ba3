"""Tests of pipeline/editions/."""
