import datetime as dt

import pytest

from strikeledger.errors import InputError
from strikeledger.incidents import build_incidents, compare_reference
from strikeledger.incidents.compare import parse_count, parse_time, read_reference

HEADER = ("time_start,time_end,model,launch_place,target,target_main,launched,destroyed,"
          "not_reach_goal,still_attacking,border_crossing,is_shahed,num_hit_location,"
          "num_fall_fragment_location,carrier,turbojet,turbojet_destroyed,affected region,"
          "destroyed_details,launched_details,launch_place_details,source\n")
ROWS = [
    # the overnight post of 2025-10-12: three weapon rows, one source, a trailing space
    '2025-10-11 19:00,2025-10-12 09:00 ,Shahed-136/131,Kursk oblast,Ukraine,,590.0,570.0,'
    '0.0,,{},400.0,,,,,,"[\'Kyiv oblast\']","{\'south\': 30, \'east\': NaN}",,,kpszsu/posts/p1',
    '2025-10-12 3:30,2025-10-12 6:50,X-101/X-555,Saratov oblast,Ukraine,,40.0,36.0,,,{},,,,'
    'Tu-95MS,,,,,,,kpszsu/posts/p1',
    '2025-10-12 3:30,2025-10-12 6:50,Iskander-M/KN-23 and Iskander-K,Kursk oblast,Ukraine,,'
    '8.0,7.0,,,{},,,,,,,,,,,kpszsu/posts/p1',
    # a regional air command's post: not counted
    '2025-10-12,2025-10-12,Unknown UAV,,south,,90.0,90.0,,,{},,,,,,,,,,,PvKPivden/posts/p2',
    # an unknown label: left out and listed
    '2025-10-12,2025-10-12,Привет-82,,Ukraine,,5.0,5.0,,,{},,,,,,,,,,,kpszsu/posts/p1',
    # another date, not in the store
    '2025-10-01 20:00,2025-10-02 08:00,Shahed-136/131,,Ukraine,,100.0,90.0,,,{},,,,,,,,,,,'
    'kpszsu/posts/p3',
]
WEAPONS = ("model,category,national_origin,type,launch_platform,name,name_NATO,in_sevice,"
           "designer,manufacturer,guidance_system,unit_cost\n"
           "Shahed-136/131,UAV,iran,,,,,,,,,\nX-101/X-555,cruise missile,russia,,,,,,,,,\n"
           "Iskander-M/KN-23,ballistic missile,,,,,,,,,,\nIskander-K,cruise missile,,,,,,,,,,\n"
           "Unknown UAV,UAV,,,,,,,,,,\n")


@pytest.fixture
def reference(tmp_path):
    path = tmp_path / "missile_attacks_daily.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    (tmp_path / "missiles_and_uavs.csv").write_text(WEAPONS, encoding="utf-8")
    return path


def test_quirks_of_the_reference_file_are_read():
    assert parse_time("2023-05-16 3:30") == dt.date(2023, 5, 16)
    assert parse_time("2024-05-16 ") == dt.date(2024, 5, 16)
    assert parse_count("93.0") == 93 and parse_count("") is None and parse_count("NaN") is None


def test_air_force_rows_of_one_post_are_summed_by_time_end_date(reference):
    per_day, unmapped = read_reference(reference)
    assert per_day[dt.date(2025, 10, 12)] == {"drones_launched": 590, "drones_downed": 570,
                                              "missiles_launched": 48, "missiles_downed": 43}
    assert unmapped == {"Привет-82": 1}


def test_compare_per_date_and_agreement_rate(reference, night):
    result = compare_reference(build_incidents(night), reference)
    [row] = result.rows
    assert row.date == dt.date(2025, 10, 12)
    assert row.store == {"drones_launched": 595, "drones_downed": 568,
                         "missiles_launched": 48, "missiles_downed": 43}
    assert row.agree == {"drones_launched": True, "drones_downed": True,
                         "missiles_launched": True, "missiles_downed": True}
    assert (result.compared, result.agreed, result.rate) == (4, 4, 1.0)
    strict = compare_reference(night, reference, tolerance=0.0)   # pairs are accepted too
    assert strict.agreed == 2 and strict.rate == 0.5


def test_missing_weapon_list_falls_back_to_packaged_weapons(tmp_path, night):
    path = tmp_path / "daily.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    per_day, _ = read_reference(path)
    assert per_day[dt.date(2025, 10, 12)]["missiles_launched"] == 48


def test_a_file_that_is_not_the_reference_is_an_input_error(tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column"):
        read_reference(bad)
    with pytest.raises(InputError, match="no such file"):
        read_reference(tmp_path / "absent.csv")
