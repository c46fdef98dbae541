#!/usr/bin/env bash
# Builds seccomp-run into .tools/seccomp-run/bin, once: a binary whose stamp (a hash of the module's files)
# matches is kept, so a test that calls this on every run pays a hash, not a build.
# Needs Go (1.26) and, the first time, the Go module proxy; nothing else is downloaded.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$root/.tools/seccomp-run/bin"
want="$(cat "$here/go.mod" "$here/go.sum" "$here"/*.go | sha256sum | cut -c1-16)"
if [[ -x "$bin/seccomp-run" && -f "$bin/seccomp-run.stamp" && "$(cat "$bin/seccomp-run.stamp")" == "$want" ]]; then
  exit 0
fi
mkdir -p "$bin"
# Pure Go, static: it runs on any Linux of this architecture, with no libseccomp installed.
(cd "$here" && CGO_ENABLED=0 go build -trimpath -ldflags "-w -s" -o "$bin/seccomp-run.tmp" .)
mv "$bin/seccomp-run.tmp" "$bin/seccomp-run"
echo "$want" >"$bin/seccomp-run.stamp"
