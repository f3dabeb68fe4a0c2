#!/usr/bin/env bash
# Debian packages the report/picture tests need: headless Chromium (the HTML report and
# picture are opened in a real browser), poppler-utils (pdftoppm renders PDF pages) and
# a font for Chromium's text. Installs only what is missing, and only as root (CI runs
# as root on a fresh Debian machine); elsewhere it says what is missing and exits 0,
# and the tests that need a missing tool are skipped.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "system_deps: missing ${missing[*]} (run as root to install)" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
