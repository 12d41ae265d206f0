"""Vendor Apache ECharts into the dashboard: src/strikeledger/api/static/vendor/echarts/.

The dashboard loads echarts.min.js from this server only (nothing is fetched at run time;
the CSP allows scripts from 'self' alone). This script refreshes the vendored copy with
npm's ordinary client from the npm registry and checks the file against the SHA-256
recorded here, so a changed upstream file cannot slip in unnoticed.

    python scripts/vendor_echarts.py            # npm pack echarts@VERSION, copy, verify
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

VERSION = "6.1.0"
SHA256 = "b66b25aeb4df84e33199dc21694014d336d222cbd9deb0e5a7c14bd6aa0d0fd0"
OUT = Path(__file__).resolve().parent.parent / "src" / "strikeledger" / "api" / "static" / \
    "vendor" / "echarts"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        name = subprocess.run(["npm", "pack", f"echarts@{VERSION}", "--silent"], cwd=tmp,
                              check=True, capture_output=True, text=True
                              ).stdout.strip().splitlines()[-1]
        with tarfile.open(Path(tmp) / name) as tar:
            tar.extractall(tmp, filter="data")
        package = Path(tmp) / "package"
        digest = hashlib.sha256((package / "dist" / "echarts.min.js").read_bytes()).hexdigest()
        if digest != SHA256:
            raise SystemExit(f"echarts {VERSION}: dist/echarts.min.js has SHA-256 {digest}, "
                             f"expected {SHA256}")
        OUT.mkdir(parents=True, exist_ok=True)
        for src in (package / "dist" / "echarts.min.js", package / "LICENSE",
                    package / "NOTICE"):
            shutil.copy(src, OUT / src.name)
    (OUT / "README").write_text(
        f"echarts {VERSION} from npm (Apache-2.0), dist/echarts.min.js: the dashboard's "
        f"charts and map.\nRefreshed by scripts/vendor_echarts.py; SHA-256 {SHA256}.\n",
        encoding="utf-8")
    print(f"vendored echarts {VERSION} into {OUT}")


if __name__ == "__main__":
    main()
