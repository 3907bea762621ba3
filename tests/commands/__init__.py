"""Tests of the command line (cli.py and commands/)."""
