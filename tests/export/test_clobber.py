"""Issue 18, finding 3: exports clobbered.

Every exported file was 0600 even under umask 022 and an existing 0644 file became 0600;
a user's own ``incidents.csv`` in the target folder was overwritten without a word;
``out.txt`` for a multi-table format became a directory; ``--table incidents -o
existing.txt`` said "expected a folder for several tables". Each test below names the
case it pins.
"""
from __future__ import annotations

import contextlib
import json
import os
import stat

import pytest

from strikeledger.errors import InputError, OverwriteRefused
from strikeledger.export import MANIFEST, export, read_table


@contextlib.contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet", "geojson", "acled"])
def test_new_files_get_the_usual_mode_not_0600(tmp_path, incidents, fmt):
    with umask(0o022):
        written = export(incidents, fmt, tmp_path / "out" / ("x." + fmt if fmt in
                                                             ("geojson", "acled") else ""))
    assert written
    for path in written:
        assert mode(path) == 0o644, f"{path.name} is {oct(mode(path))}"
    with umask(0o027):
        [path] = export(incidents, "geojson", tmp_path / "strict.geojson")
    assert mode(path) == 0o640


def test_an_existing_files_mode_is_kept(tmp_path, incidents):
    target = tmp_path / "acled.csv"
    export(incidents, "acled", target)
    for wanted in (0o644, 0o664, 0o600):
        os.chmod(target, wanted)
        with umask(0o077):
            export(incidents, "acled", target)
        assert mode(target) == wanted


def test_a_users_own_file_is_not_overwritten(tmp_path, incidents):
    mine = tmp_path / "incidents.csv"
    mine.write_text("my own notes\n", encoding="utf-8")
    with pytest.raises(OverwriteRefused, match="not written by strikeledger") as got:
        export(incidents, "csv", tmp_path)
    assert str(mine) in str(got.value) and "force" in str(got.value)
    assert mine.read_text(encoding="utf-8") == "my own notes\n"
    # all or nothing: the other tables were not written either
    assert sorted(p.name for p in tmp_path.iterdir()) == ["incidents.csv"]
    written = export(incidents, "csv", tmp_path, force=True)
    assert len(written) == 4 and read_table(mine, "incidents")


def test_its_own_files_are_rewritten_without_force(tmp_path, incidents):
    for _ in range(3):
        export(incidents, "csv", tmp_path / "out")
        export(incidents, "geojson", tmp_path / "out" / "incidents.geojson")
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted([MANIFEST, "claims.csv", "damage.csv", "incidents.csv",
                            "incidents.geojson", "places.csv"])
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["files"]) == set(names) - {MANIFEST}


def test_an_export_edited_by_hand_is_not_overwritten(tmp_path, incidents):
    [path] = export(incidents, "acled", tmp_path / "acled.csv")
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("a line I added\n")
    with pytest.raises(OverwriteRefused):
        export(incidents, "acled", path)
    assert path.read_text(encoding="utf-8").endswith("a line I added\n")


def test_a_file_name_for_several_tables_asks_for_a_folder(tmp_path, incidents):
    with pytest.raises(InputError, match="folder") as got:
        export(incidents, "csv", tmp_path / "out.txt")
    assert "--table" in str(got.value) or "one table" in str(got.value)
    assert not (tmp_path / "out.txt").exists()           # no directory named out.txt
    existing = tmp_path / "existing.csv"
    existing.write_text("x\n")
    with pytest.raises(InputError, match="folder"):
        export(incidents, "jsonl", existing)
    assert existing.read_text() == "x\n"


def test_one_table_goes_to_a_file_whatever_its_suffix(tmp_path, incidents):
    [path] = export(incidents, "csv", tmp_path / "new.txt", tables=["incidents"])
    assert path == tmp_path / "new.txt" and path.is_file()
    assert read_table(path, "incidents", fmt="csv")
    # an existing file not written by an export: refused for being someone's file,
    # not with "expected a folder"
    existing = tmp_path / "existing.txt"
    existing.write_text("keep me\n")
    with pytest.raises(OverwriteRefused):
        export(incidents, "csv", existing, tables=["incidents"])
    [path] = export(incidents, "csv", existing, tables=["incidents"], force=True)
    assert read_table(path, "incidents", fmt="csv")
    # a folder (existing, or named with a trailing slash) gets the table's own name
    [path] = export(incidents, "jsonl", f"{tmp_path}/tables/", tables=["claims"])
    assert path == tmp_path / "tables" / "claims.jsonl"


def test_missing_folders_are_created(tmp_path, incidents):
    [geo] = export(incidents, "geojson", tmp_path / "a" / "b" / "hits.geojson")
    assert geo.is_file()
    written = export(incidents, "parquet", tmp_path / "c" / "d")
    assert {p.parent for p in written} == {tmp_path / "c" / "d"}


def test_a_crash_between_claim_and_rename_leaves_a_file_it_still_knows(tmp_path, incidents,
                                                                       monkeypatch):
    target = tmp_path / "acled.csv"
    export(incidents, "acled", target)
    real_replace = os.replace

    def dies(src, dst):
        if str(dst) == str(target):
            raise KeyboardInterrupt   # killed after the manifest knew the new file
        return real_replace(src, dst)
    monkeypatch.setattr(os, "replace", dies)
    with pytest.raises(KeyboardInterrupt):
        export(incidents[:1], "acled", target)
    monkeypatch.setattr(os, "replace", real_replace)
    export(incidents, "acled", target)        # no --force needed: the file is still its own
