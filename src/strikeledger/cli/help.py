"""Help text that reads like a Unix tool's: `PATH...`, `--db DB`, `--json`.

Typer 0.29 prints a type beside every parameter (`--json <bool>`, `paths... <list[str]>`)
and wraps required arguments in braces in the usage line (`{paths}...`). Our parameters
all declare a metavar (cli/options.py), so the type adds nothing: these classes show the
metavar alone, no type for flags, and `PATH...` / `[PATH]...` in the usage line.
tests/cli/test_help.py pins the result, so a Typer upgrade that changes these hooks
fails there rather than in front of a user.
"""
from __future__ import annotations

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption


class _Argument(TyperArgument):
    def display_type_rich(self, ctx) -> str | None:
        return None

    def _rich_display_name(self) -> str:
        return self.display_name_raw + ("..." if self.nargs != 1 else "")

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")


class _Option(TyperOption):
    def display_type_rich(self, ctx) -> str | None:
        if self.is_flag or self.count:
            return None
        return self.metavar if self.metavar is not None else super().display_type_rich(ctx)

    def _get_number_range_help_str(self) -> str | None:
        return None     # "N [x>=1]": the limits are checked, and the help says what N is


def _clean(param):
    if type(param) is TyperArgument:
        param.__class__ = _Argument
    elif type(param) is TyperOption:
        param.__class__ = _Option
    return param


class Command(TyperCommand):
    """A command whose help shows metavars, not Python types."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for p in self.params:
            _clean(p)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        return _clean(option) if option is not None else None


class Group(TyperGroup):
    """The top-level group, with the same help conventions as its commands."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for p in self.params:
            _clean(p)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        return _clean(option) if option is not None else None
