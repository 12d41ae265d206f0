import sys
from pathlib import Path

import pytest

# incident_builders.py sits beside this file; make it importable whatever the import mode.
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from incident_builders import night_pairs  # noqa: E402


@pytest.fixture
def night():
    """One invented overnight attack told by the Air Force, the president and a wire story."""
    return night_pairs()
