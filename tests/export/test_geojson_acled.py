import csv
import json

import pandas as pd

from strikeledger.export import export
from strikeledger.export.acled import COLUMNS
from strikeledger.export.geojson import feature_collection, validate


def test_geojson_is_a_valid_feature_collection_of_points(tmp_path, incidents):
    [path] = export(incidents, "geojson", tmp_path / "hits.geojson")
    fc = json.loads(path.read_text(encoding="utf-8"))
    assert validate(fc) == []
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 2
    for f in fc["features"]:
        assert f["type"] == "Feature"
        assert f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert 22 <= lon <= 41 and 44 <= lat <= 53          # [lon, lat], inside Ukraine
        json.dumps(f["properties"], allow_nan=False)
    kyiv = next(f for f in fc["features"] if f["properties"]["place"] == "Kyiv")
    props = kyiv["properties"]
    assert kyiv["geometry"]["coordinates"] == [30.52, 50.45]
    assert (props["drones_launched_value"], props["drones_launched_grade"]) == (595, "contested")
    assert props["grade"] == "contested"
    assert props["place_figures"] == {"killed": "4"}
    assert {e["report_id"] for e in props["evidence"]} == {"af", "pres", "wire"}


def test_validate_reports_bad_features():
    bad = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [50.45]},
         "properties": {}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [200, 10]},
         "properties": {"x": float("nan")}}]}
    errors = validate(bad)
    assert len(errors) == 3
    assert validate({"type": "Feature"}) != []


def test_places_without_coordinates_are_left_out(incidents):
    incidents[0].places[0].lat = None
    assert len(feature_collection(incidents)["features"]) == 1


def test_acled_csv_has_the_acled_columns_and_one_row_per_place_hit(tmp_path, incidents):
    [path] = export(incidents, "acled", tmp_path / "acled.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        assert tuple(next(csv.reader(fh))) == COLUMNS
    df = pd.read_csv(path)
    assert list(df["location"]) == ["Kyiv", "Lviv Oblast"]
    assert set(df["event_date"]) == {"2025-10-12"}
    assert set(df["event_type"]) == {"Explosions/Remote violence"}
    assert set(df["sub_event_type"]) == {"Shelling/artillery/missile attack"}
    assert list(df["geo_precision"]) == [1, 3]
    assert list(df["time_precision"]) == [1, 1]
    assert list(df["fatalities"]) == [4, 0]
    assert "2025-10-12" in df.loc[0, "notes"]
