import pytest

from strikeledger.export import MANIFEST, export
from strikeledger.export.atomic import atomic_write


def test_an_interrupted_write_leaves_no_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.csv"
    with pytest.raises(RuntimeError):
        with atomic_write(target) as fh:
            fh.write("half a row,")
            raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_export_keeps_the_previous_file(tmp_path, incidents, monkeypatch):
    target = tmp_path / "acled.csv"
    export(incidents, "acled", target)
    before = target.read_bytes()

    import strikeledger.export.acled as acled

    def boom(*a, **k):
        raise KeyboardInterrupt
    monkeypatch.setattr(acled.csv, "DictWriter", boom)
    with pytest.raises(KeyboardInterrupt):
        export(incidents, "acled", target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST, "acled.csv"]
