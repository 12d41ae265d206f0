"""Lines that tests add to the end of the run's output (accuracy shortfalls, benchmark
ratios), so that a passing run still shows them: the ``report_line`` fixture."""
from __future__ import annotations

import pytest

_LINES = pytest.StashKey[list]()


def pytest_configure(config):
    config.stash[_LINES] = []


@pytest.fixture
def report_line(request):
    """Call with (section, line): the line is printed under the section after the run."""
    def add(section: str, line: str) -> None:
        request.config.stash[_LINES].append((section, line))
    return add


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = config.stash.get(_LINES, [])
    for section in dict.fromkeys(s for s, _ in lines):
        terminalreporter.section(section, sep="-")
        for s, line in lines:
            if s == section:
                terminalreporter.write_line(line)
