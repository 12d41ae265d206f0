import sys
from pathlib import Path

import pytest

_HERE = Path(__file__).parent
for folder in (_HERE.parent / "incidents",):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from incident_builders import night_pairs  # noqa: E402

from strikeledger.incidents import build_incidents  # noqa: E402


@pytest.fixture
def incidents():
    """The invented overnight attack of tests/incidents, built into incidents."""
    return build_incidents(night_pairs())
