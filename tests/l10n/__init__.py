"""Tests of pipeline/l10n/."""
