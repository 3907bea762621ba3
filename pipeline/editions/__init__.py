"""Putting documents back together: the Markdown and HTML editions and the review page."""
