# t_man_options.sh: every option of each command's --help is in docs/sesim.1,
# in the command's SYNOPSIS line and in an OPTIONS entry that names the
# command; and every option of the man page's OPTIONS is in some --help.
# (The man page's -o, --set and -q once left calibrate out.)
. tests/e2e/lib.sh
MAN=docs/sesim.1
COMMANDS="run check sweep merge batch sensitivity plan report calibrate"

# canon: one option a line, short aliases as their long name.
canon() { sed 's/^-o$/--out/; s/^-j$/--jobs/; s/^-q$/--quiet/; s/^-h$/--help/'; }

# help_options CMD: the options of the usage lines and of the option lines of
# `sesim CMD --help` (--help itself is taken by every command).
help_options() {
    "$SESIM" "$1" --help | awk '
        /^usage:/ { u = 1 } u && /^$/ { u = 0 }
        u || /^  -/ { line = $0; if (!u) sub(/   .*/, "", line); print line }' |
        grep -o -e '--[a-z][a-z-]*' -e '\(^\|[][ ,]\)-[a-z]\b' | tr -d '[], ' | canon | sort -u
    echo --help
}

# man_entries: "OPTION COMMAND" for each command an OPTIONS entry names
# (`.B cmd` or `.BR cmd ,` lines; "All commands" names them all).
man_entries() {
    awk -v all="$COMMANDS" '
        /^\.SH OPTIONS/ { in_opts = 1; next } /^\.SH/ { in_opts = 0 }
        !in_opts { next }
        /^\.TP/ { head = 1; k = 0; next }
        head { gsub(/\\-/, "-"); n = split($0, w, /[^-a-z]+/); for (i = 1; i <= n; i++)
                   if (w[i] ~ /^--?[a-z]/) opts[++k] = w[i]; head = 0; nopt = k; next }
        /^All commands/ { split(all, c, " "); for (j in c) for (i = 1; i <= nopt; i++) print opts[i], c[j] }
        /^\.BR? [a-z]+( [.,:;)]|$)/ { for (i = 1; i <= nopt; i++) print opts[i], $2 }' "$MAN" |
        while read -r o c; do echo "$(echo "$o" | canon) $c"; done | sort -u
}

# synopsis CMD: the options of the man page's SYNOPSIS lines of CMD.
synopsis() {
    awk -v cmd="$1" '/^\.SH SYNOPSIS/ { s = 1; next } /^\.SH/ { s = 0 }
        s && index($0, "\\fBsesim " cmd "\\fP") == 1 { in_cmd = 1 }
        s && /^\.br/ { in_cmd = 0 } s && in_cmd' "$MAN" |
        sed 's/\\-/-/g' | grep -o -e '--[a-z][a-z-]*' -e 'fB-[a-z]\\' | sed 's/^fB//; s/\\$//' | canon | sort -u
}

man_entries > "$T/entries"
for c in $COMMANDS; do
    synopsis "$c" > "$T/syn"
    for o in $(help_options "$c"); do
        grep -qx -- "$o $c" "$T/entries" || miss "sesim $c --help has $o; no OPTIONS entry of $MAN names $c for it"
        [ "$o" = --help ] || grep -qx -- "$o" "$T/syn" || miss "sesim $c --help has $o; the SYNOPSIS of $c lacks it"
    done
done
ok "every option of the nine commands' --help is in $MAN's SYNOPSIS and OPTIONS, under its command"

for c in $COMMANDS; do help_options "$c"; done | sort -u > "$T/helped"
for o in $(cut -d' ' -f1 "$T/entries" | sort -u); do
    [ "$o" = --version ] || grep -qx -- "$o" "$T/helped" || miss "$MAN's OPTIONS has $o, no command's --help does"
done
ok "every option in $MAN's OPTIONS is in some command's --help"
[ "$failed" = 0 ] || fail "$failed differences between --help and $MAN"
