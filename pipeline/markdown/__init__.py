"""The one Markdown reader of the pipeline.

- ``parser``: the one markdown-it configuration (``MAX_NESTING``, ``INLINE_LIMIT``) and its
  presets: block structure (segment), inline spans (markup), rendering (HTML edition, review page);
- ``blocks``: the line-level block syntax segmentation reads by hand (container markers, ATX
  headings, table cells, front matter); ``images``: image-only lines;
- ``markup``: the inline spans a sentence must not cut (emphasis, link text, code, tags);
- ``inline``: the protected spans (code, URLs, autolinks, tags, link destinations) that
  conversion keeps and the quality checks compare: one scanner for both;
- ``escape``: backslash escapes that keep a translation from changing the structure around it.
"""
