# t_axis.sh: count axes say 1M, never 1000k (issue 23, item 5): the scale of
# report-common.gp switches to millions at a top of 1,000,000.
. tests/e2e/lib.sh
command -v gnuplot >/dev/null 2>&1 || fail "gnuplot is not installed (Debian package gnuplot-nox)"
got=$(cd "$T" && gnuplot -e "fmt = 'png'" "$ROOT/scripts/report-common.gp" \
    -e "print sprintf('%g%s %g%s %g%s', 1e6 / count_div(1e6), count_suffix(1e6), 1.5e6 / count_div(1.5e6), count_suffix(1.5e6), 50e3 / count_div(50e3), count_suffix(50e3))" 2>&1)
[ "$got" = "1M 1.5M 50k" ] || fail "a quota of 1M, 1.5M, 50k is labelled: $got"
pass "1,000,000 is 1M on an axis, 1,500,000 1.5M, 50,000 50k"
