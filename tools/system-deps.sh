#!/usr/bin/env bash
# System packages the course needs beyond Python: installs only what is missing (idempotent).
#   bubblewrap  sandboxes the kernels that run student submissions (make autograde; tools/grading/sandbox.py)
set -euo pipefail
missing=()
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v prlimit >/dev/null 2>&1 || missing+=(util-linux)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "tools/system-deps.sh: please install ${missing[*]} with your system's package manager" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq || true
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
