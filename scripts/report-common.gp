# report-common.gp: the look shared by the plots of `sesim report`.
# gnuplot runs data/meta.gp (the run's accounts, colours, thresholds, format;
# written by sesim; data/sweep.gp for a sweep), then this file, then one
# report-*.gp, in the report folder.
# Each plot script sets plot_h (and plot_w), then `@term` and its output name.
if (!exists("log_y")) log_y = 0
plot_w = 1200
plot_h = 560
term_png = "set terminal pngcairo size plot_w,plot_h noenhanced font 'Sans,10.5' background rgb 'white' linewidth 1.1"
term_svg = "set terminal svg size plot_w,plot_h dynamic noenhanced font 'Sans,12' background rgb 'white' linewidth 1.1"
term = fmt eq 'svg' ? term_svg : term_png

# Time axis (a run; a sweep's data/sweep.gp has no t_min): seconds since 1970
# (UTC) in column 1, dates on the axis.
if (exists("t_min")) {
    set xdata time
    set timefmt '%s'
    set format x xfmt
    set xrange [t_min:t_max]
    set xlabel 'date (UTC)'
}
# Bottom margin of a lower multiplot panel: tick labels (one or two lines) and xlabel.
bottom_margin = exists("xfmt") ? (strstrt(xfmt, "\n") ? 5 : 4) : 4
set tics nomirror out scale 0.6
set border 3 lc rgb '#444444'
set grid xtics ytics lc rgb '#e2e2e2' lw 1 dt 1
set grid mxtics noytics
set style fill solid 1.0 noborder

# The legend lives right of the plot: fixed margins keep the panels of a
# multiplot aligned whatever the length of the account names.
set lmargin at screen 0.075
set rmargin at screen 0.78
set key at screen 0.795, graph 1 left top reverse Left samplen 2.5 spacing 1.15 nobox

# Counts on the y axis as 20k or 1.5M (1M, never 1000k): divide by count_div(max), suffix count_suffix(max).
count_div(m) = m >= 1e6 ? 1e6 : (m >= 2e4 ? 1e3 : 1)
count_suffix(m) = m >= 1e6 ? 'M' : (m >= 2e4 ? 'k' : '')
max(a, b) = a > b ? a : b

# An account whose quota and rate are those of an earlier account all along
# (acc_same[i]: that account's number, 0 for none; meta.gp has the array only
# when some are) is drawn dashed over it, and its label says so: identical
# accounts no longer hide each other.
if (!exists("acc_same") && exists("n_acc")) {
    array acc_same[n_acc > 0 ? n_acc : 1]
    do for [i=1:(n_acc > 0 ? n_acc : 1)] { acc_same[i] = 0 }
}
acc_dt(i) = acc_same[i] > 0 ? 2 : 1

# An account's legend label: the total `*` says what it is.
acc_label(i) = acc_name[i] eq '*' ? '* (total)' : (acc_same[i] > 0 ? \
    acc_name[i] . ' (= ' . acc_name[acc_same[i]] . ', dashed)' : acc_name[i])

# Colours of the statuses (lanes) and of the thresholds.
status_rgb(s) = s == 0 ? 0xb0b0b0 : (s == 1 ? 0x74c476 : (s == 2 ? 0xfd8d3c : 0xd62728))
review_color = '#fd8d3c'
pause_color = '#d62728'
ramp_color = '#8c8c8c'
