"""The gettext format: catalogs as data, reading and writing .po/.pot/.mo files."""
