#!/usr/bin/env bash
# Installs what the history report's browser test needs from Debian's packages: a headless Chromium. Idempotent; run as
# root in CI, where the test fails (never skips) without it.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends chromium fonts-dejavu-core
fi
command -v chromium >/dev/null 2>&1 || { echo "history-analyzer/ci-prerequisites.sh: chromium is still missing" >&2; exit 1; }
