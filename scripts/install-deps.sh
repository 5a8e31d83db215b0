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

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "storydiff: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
