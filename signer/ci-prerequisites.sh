#!/usr/bin/env bash
# Installs what the signer module's interop tests need from Debian's packages. Idempotent; run as root in CI
# (CI=true). jarsigner/keytool come with the JDK; openssl and gpg are normally present, and are installed here if not.
set -euo pipefail

packages=()
command -v softhsm2-util >/dev/null 2>&1 || packages+=(softhsm2)
command -v openssl >/dev/null 2>&1 || packages+=(openssl)
command -v gpg >/dev/null 2>&1 || packages+=(gnupg)
command -v gpgconf >/dev/null 2>&1 || packages+=(gpgconf)

if [ "${#packages[@]}" -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends "${packages[@]}"
fi

# Fail here, not in the middle of the test run, when something is still missing.
for tool in softhsm2-util openssl gpg gpgconf jarsigner keytool; do
    command -v "$tool" >/dev/null 2>&1 || { echo "signer/ci-prerequisites.sh: $tool is still missing" >&2; exit 1; }
done
