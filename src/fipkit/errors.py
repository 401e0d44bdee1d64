"""Errors a user can cause. The CLI turns them into one line and exit status 2."""


class FipkitInputError(ValueError):
    """Bad user input: unknown name, mass out of range, bad coupling, malformed file."""
