#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian 12 packages storydiff needs to build and test.
# Idempotent and quick when everything is already there: apt is only called
# for packages that dpkg does not report as installed.
set -euo pipefail

packages=(
  cmake g++ clang make pkg-config git ca-certificates python3 ccache
  libgit2-dev libdtl-dev libcxxopts-dev catch2 libicu-dev nlohmann-json3-dev
  libfmt-dev libxml2-dev libcurl4-openssl-dev libssl-dev libutf8proc-dev
  libtomlplusplus-dev libcpp-httplib-dev libbenchmark-dev
  zlib1g-dev liblzma-dev binutils  # static archives for storydiff_exe; objdump reads sonames
  chromium
)
# Extra packages asked for by the caller (e.g. the sanitizer runtime in CI).
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -ne 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  echo "storydiff: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Optional: Microsoft's SARIF validator for the `check` tests (npm, pinned):
#   STORYDIFF_SARIF_TOOLS=build/sarif-tools scripts/install-deps.sh
# installs it into that folder (the tests look in <build>/sarif-tools and skip
# when it is absent). Needs npm and the npm registry; runs offline afterwards.
sarif_multitool_version=5.7.0
if [ -n "${STORYDIFF_SARIF_TOOLS:-}" ]; then
  if ! command -v npm >/dev/null; then
    echo "storydiff: npm not found; SARIF validator not installed" >&2
  elif [ ! -x "$STORYDIFF_SARIF_TOOLS/node_modules/.bin/sarif-multitool" ]; then
    mkdir -p "$STORYDIFF_SARIF_TOOLS"
    # A registry that cannot be reached costs the validator test, not the run.
    (cd "$STORYDIFF_SARIF_TOOLS" && npm install --no-audit --no-fund --silent \
      "@microsoft/sarif-multitool@$sarif_multitool_version" \
      "@microsoft/sarif-multitool-linux@$sarif_multitool_version") ||
      echo "storydiff: npm install failed; SARIF validator not installed" >&2
  fi
fi
