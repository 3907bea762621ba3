"""The Markdown reader (pipeline/markdown/)."""
