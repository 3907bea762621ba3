"""The command line's commands, one module per job; ``cli.py`` makes them one click group.

The only code that prints and picks exit codes (0 ok, 1 a check failed, 2 bad usage or
input): ``output`` holds the printing and the error mapping every command shares,
``options`` the options several commands take; the other modules hold the commands.
Each imports the part of ``pipeline.operations`` it calls when it runs (start-up time).
"""
