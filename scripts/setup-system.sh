#!/usr/bin/env bash
# Install the Debian packages nianbao needs (CJK fonts for charts and PDFs, poppler for page images,
# PostgreSQL for the database tests, Pango for WeasyPrint, HarfBuzz subsetting so WeasyPrint embeds
# CJK font subsets in well under a second instead of several seconds per font; LibreOffice Writer and
# Chromium to export the producer corpus the way schools export PDFs, and to run the browser tests;
# Tesseract with simplified and traditional Chinese, which bench/bench_ocr.py compares with the RapidOCR
# engine that reads scanned pages). Skipped when all are present; apt only
# as root. Safe to run again and again.
set -euo pipefail

PACKAGES=(fonts-noto-cjk poppler-utils postgresql libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
          libreoffice-writer chromium tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-system: missing Debian packages: ${missing[*]} (run as root: apt-get install ${missing[*]})" >&2
  exit 0
fi
echo "setup-system: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
