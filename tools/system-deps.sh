#!/usr/bin/env bash
# System packages the test suite needs beyond Python's (Debian/Ubuntu; npm where noted).
# Idempotent: installs only what is missing, so running it again is quick and harmless.
# `.ci/run` calls it before `make test`; on your own machine run it once (as root, or with sudo).
#   bash tools/system-deps.sh
# Engineers: append one `need <debian-package>` line per dependency, with a comment saying why.
set -euo pipefail

missing=()
need() {  # need PACKAGE: install the Debian package PACKAGE unless dpkg has it already
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$1")
}

# The real-browser test (tests/test_browser.py) drives Debian's Chromium through Playwright.
# Its text measurements (clipped slider readouts) assume the DejaVu fonts.
need chromium
need fonts-dejavu-core

if ((${#missing[@]} == 0)); then
    echo "system-deps: everything is installed"
    exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "system-deps: run as root to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
