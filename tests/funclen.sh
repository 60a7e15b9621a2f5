#!/bin/sh
# funclen.sh: check the style rule of sesim that no production
# function is long: at most 45 lines in models/, 60 in sim/. A function is
# counted from the first line of its signature to its closing brace; the code's
# style puts both braces of a function at the start of a line, alone.
# Usage: sh tests/funclen.sh [-l] (from the top of the tree); -l lists every
# function with its length, longest first, and checks nothing. Exit 1 when a
# function is over its limit.
set -eu
lengths() { # FILE...: "LINES FILE:LINE NAME" for every function
    awk '
    FNR == 1 { start = 0; body = 0 }
    !body && /^[A-Za-z_]/ && !/;[[:space:]]*$/ { if (!start) start = FNR; sig = sig " " $0 }
    !body && (/^[[:space:]]*$/ || /^[#\/]/ || /;[[:space:]]*$/) { start = 0; sig = "" }
    /^\{/ && !body { body = 1; if (!start) start = FNR; next }
    /^\}/ && body {
        name = sig; sub(/\(.*/, "", name); sub(/.*[ *]/, "", name)
        printf "%d %s:%d %s\n", FNR - start + 1, FILENAME, start, name
        body = 0; start = 0; sig = ""
    }' "$@"
}
SIM_C=$(find sim -name '*.c' | LC_ALL=C sort)
MODELS_C=$(find models -name '*.c' | LC_ALL=C sort)
if [ "${1:-}" = -l ]; then
    # shellcheck disable=SC2086 # file lists, split on purpose
    lengths $SIM_C $MODELS_C | sort -rn
    exit 0
fi
bad=0
check() { # LIMIT FILE...
    limit=$1; shift
    over=$(lengths "$@" | awk -v l="$limit" '$1 > l')
    [ -z "$over" ] && return 0
    printf '%s\n' "$over" | while read -r n where name; do
        echo "funclen: $where: $name is $n lines (limit $limit)"
    done
    bad=1
}
# shellcheck disable=SC2086
check 45 $MODELS_C
# shellcheck disable=SC2086
check 60 $SIM_C
[ $bad -eq 0 ] && echo "ok   funclen: no function over 45 lines in models/, 60 in sim/"
exit $bad
