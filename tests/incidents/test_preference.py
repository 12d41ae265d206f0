import pytest

from strikeledger.errors import VocabularyError
from strikeledger.incidents.preference import parse, preferences


def test_packaged_preferences_put_the_air_force_first_for_launched():
    prefs = preferences()
    assert prefs.tier("drones_launched", "Ukrainian Air Force", True) == 0
    assert prefs.tier("drones_launched", "Volodymyr Zelenskyy", True) < \
        prefs.tier("drones_launched", None, False)
    assert prefs.kinds["killed"].order == "latest"
    assert prefs.is_official("Ihor Terekhov", "Mayor of Kharkiv")
    assert not prefs.is_official(None, None)


def test_every_bad_entry_is_reported_at_once():
    raw = {"kinds": {"killed": {"tiers": ["@bogus"], "order": "random"}, "nonsense": {}},
           "officials": "x", "official_role_words": [], "casualty_kinds": ["killed"]}
    with pytest.raises(VocabularyError) as exc:
        parse(raw)
    msg = str(exc.value)
    for part in ("unknown token '@bogus'", "kinds.killed.order", "kinds.nonsense",
                 "missing kind 'injured'", "officials: expected"):
        assert part in msg
