#!/usr/bin/env bash
# Installs the system packages hutong's video and browser features and tests use:
# Debian's chromium (browser tests), ffmpeg (packaging, test streams) and CJK fonts. Never a downloaded browser.
# Also Debian's nginx + libnginx-mod-rtmp for the external media server test.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
# CJK fonts, so Chinese text renders in browser-test screenshots.
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
# nginx + its RTMP module: the external media server mode's end-to-end test (run with its own config, never as a service).
dpkg -s nginx >/dev/null 2>&1 || missing+=(nginx)
dpkg -s libnginx-mod-rtmp >/dev/null 2>&1 || missing+=(libnginx-mod-rtmp)
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: chromium, ffmpeg, CJK fonts, nginx and its RTMP module are present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "setup-system: cannot install ${missing[*]}: run as root or install them with your package manager" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-system: no apt-get here; install ${missing[*]} with your package manager" >&2
  exit 1
fi
echo "setup-system: installing ${missing[*]} from Debian's packages"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
