#!/bin/sh
# deps.sh: make sure the Debian packages sesim needs are here. As root, install
# what is missing (apt-get update first); otherwise say exactly what to install.
# --browser adds Debian's chromium, with which make check reads the report
# pages back in a headless browser (t_report, t_report_categorical; skipped
# without it).
set -eu
need="build-essential pkg-config libgsl-dev libcsv-dev libinih-dev libcunit1-dev libjansson-dev gnuplot-nox parallel"
[ "${1:-}" = --browser ] && need="$need chromium"
missing=""
for p in $need; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "deps: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing
else
    echo "deps: missing Debian packages:$missing" >&2
    echo "deps: install them with: sudo apt-get install$missing" >&2
    exit 1
fi
