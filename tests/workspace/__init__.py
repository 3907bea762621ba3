"""Tests of pipeline/workspace/."""
