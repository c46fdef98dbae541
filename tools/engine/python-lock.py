"""Writes tools/engine/python-requirements.txt: the Python SDK pin and everything it needs, each with its hashes.

    python3 tools/engine/python-lock.py pulumi==3.272.0 > tools/engine/python-requirements.txt

pip resolves the pin (a dry run: nothing is installed) and the registry's simple index gives each pinned file's
sha256. Only the wheels a Linux machine of this project can install are listed (pure-Python ones, and the
x86_64/aarch64 manylinux ones for CPython 3.10 to 3.14), so `pip install --require-hashes` takes nothing else.
"""

import json
import re
import subprocess
import sys
import tempfile
import urllib.request

PLATFORM = re.compile(r"-(cp3(10|11|12|13|14)|cp39-abi3|cp3\d+-abi3)-.*manylinux.*_(x86_64|aarch64)\.whl$")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def resolve(pins: list[str]) -> list[tuple[str, str]]:
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
             "--report", report.name, *pins],
            check=True,
        )
        installs = json.load(open(report.name))["install"]
    return sorted((canonical(i["metadata"]["name"]), i["metadata"]["version"]) for i in installs)


def hashes(name: str, version: str) -> list[str]:
    request = urllib.request.Request(
        f"https://pypi.org/simple/{name}/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    files = json.load(urllib.request.urlopen(request))["files"]
    stem = re.sub(r"[-_.]+", "_", name).lower()
    out = []
    for f in files:
        filename = f["filename"]
        if not filename.endswith(".whl") or not re.sub(r"[-_.]+", "_", filename).lower().startswith(
            f"{stem}_{version.replace('.', '_')}_"
        ):
            continue
        if filename.endswith("-none-any.whl") or PLATFORM.search(filename):
            out.append(f["hashes"]["sha256"])
    if not out:
        raise SystemExit(f"no installable wheel of {name}=={version}")
    return sorted(out)


def main() -> None:
    pins = sys.argv[1:]
    print(f"# Written by tools/engine/python-lock.py {' '.join(pins)}: do not edit by hand.")
    for name, version in resolve(pins):
        lines = [f"{name}=={version}"] + [f"--hash=sha256:{h}" for h in hashes(name, version)]
        print(" \\\n    ".join(lines))


if __name__ == "__main__":
    main()
