"""Bodies and officials as records name them, read without extraction."""
from strikeledger.data.bodies import bodies, officials, role_of


def test_listed_bodies_and_officials_have_their_roles():
    assert role_of("Ukrainian Air Force") == "Air Force of the Armed Forces of Ukraine"
    assert role_of("State Emergency Service") == "State Emergency Service of Ukraine"
    assert role_of("Volodymyr Zelenskyy") == "President of Ukraine"
    assert role_of("Nobody Atall") is None


def test_a_fixed_name_is_kept_however_a_report_spells_it():
    assert bodies()["Ukrainian Air Force"].fixed_name
    assert not bodies()["State Emergency Service"].fixed_name
    assert all(len(name.split()) >= 2 for name in officials())
