"""Localisation stages over catalogs: template, merge, match, conversion, glossary, checks, counts."""
