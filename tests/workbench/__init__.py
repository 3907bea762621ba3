"""Tests of pipeline/workbench/."""
