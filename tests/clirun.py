"""Running the ``fipkit`` command in process, for the CLI tests."""

from __future__ import annotations

from fipkit.cli import main


def run(args, capsys) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of ``fipkit ARGS``."""
    code = 0
    try:
        main(args)
    except SystemExit as exc:
        code = exc.code or 0
    out = capsys.readouterr()
    return code, out.out, out.err
