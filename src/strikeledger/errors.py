"""One exception hierarchy for strikeledger.

Errors carry what a person needs to act on them: the file, the line, the value seen.
Interfaces (CLI, API) turn them into output in one place each.
"""
from __future__ import annotations


class StrikeledgerError(Exception):
    """Base class of every error strikeledger raises on purpose."""


class InputError(StrikeledgerError):
    """A file, line or record could not be read as a report."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class OverwriteRefused(InputError):
    """An export would replace a file it did not write (pass ``force`` to allow it)."""


class VocabularyError(StrikeledgerError):
    """A packaged data file (gazetteer, weapons, patterns) is malformed."""


class TimeBudgetExceeded(StrikeledgerError):
    """Extracting one report took longer than its time budget."""


class StoreError(StrikeledgerError):
    """The store could not be opened, written or read."""


class StoreBusyError(StoreError):
    """Another process holds the store's write lock."""


class StoreDamagedError(StoreError):
    """The store is damaged: it takes no writes (the message says what to do)."""


class MissingExtraError(StrikeledgerError):
    """A feature needs an optional dependency that is not installed."""

    def __init__(self, feature: str, extra: str, module: str):
        self.extra = extra
        super().__init__(f"{feature} needs the optional dependency {module!r}: "
                         f"pip install 'strikeledger[{extra}]'")


class NotFoundError(StrikeledgerError):
    """A requested report, incident or resource does not exist."""


class AuthError(StrikeledgerError):
    """A write was attempted without a valid token."""


class QueueFullError(StrikeledgerError):
    """The write queue holds as many jobs as it may: try again later."""
