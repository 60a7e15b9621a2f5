# report-sweep-days.gp: a sweep (data/sweep.gp): the days until the daily quota
# reaches each target, against the sweep's key k (gnuplot -e 'k = K'), one panel
# per target. Filled marker: the median replication; bar: 10th to 90th
# percentile; hollow marker on the dotted 'never' line: the median replication
# never reached the target. One colour per value of the other keys. Values of
# a numeric key are joined by lines; categories (sender = overflow, pace, ...)
# are not: a dot plot.
nt = n_targets
ncol = nt >= 3 ? 2 : 1
nrow = int((nt + ncol - 1) / ncol)
plot_h = 70 + 340 * nrow
@term
set output sprintf('sweep-days-%d.', k) . fmt
data = sprintf('data/sweep-key-%d.dat', k)
ns = int(key_nser[k])
so = int(key_ser_off[k])

# The x axis: the key's values, as numbers or as categories in sweep order.
nv = int(key_nval[k])
vo = int(key_val_off[k])
set xrange [key_xlo[k]:key_xhi[k]]
if (key_log[k]) { set logscale x }
if (key_tics_at_values[k]) {
    every = int((nv + 23) / 24)
    set xtics () scale 0.6
    do for [i=1:nv] { if ((i - 1) % every == 0) { set xtics add (val_tic[vo + i] val_x[vo + i]) } }
} else {
    set xtics autofreq
    set format x key_ticfmt[k]
}
set xlabel key_label[k]
set ylabel 'days from the start'
set ylabel offset 1, 0
set grid xtics ytics

set key at screen (ncol == 1 ? 0.795 : 0.82), screen 1 - 80.0 / plot_h left top reverse Left \
    samplen 1.5 spacing 1.15 nobox
set key title key_title[k] left

set multiplot title sprintf("Days until the daily quota reaches each target, against %s\n" . \
    "marker: the median replication; bar: 10th to 90th percentile; hollow on 'never': the median never reached it", \
    key_name[k]) font ',13'
top = 1 - 62.0 / plot_h
ph = top / nrow
do for [t=1:nt] {
    r = int((t - 1) / ncol)
    c = (t - 1) % ncol
    set tmargin at screen top - r * ph - 34.0 / plot_h
    set bmargin at screen top - (r + 1) * ph + 74.0 / plot_h
    if (ncol == 1) {
        set lmargin at screen 0.075
        set rmargin at screen 0.78
    } else {
        set lmargin at screen (c == 0 ? 0.07 : 0.485)
        set rmargin at screen (c == 0 ? 0.395 : 0.81)
    }
    if (t > 1) { unset key }
    set title sprintf('Target: a daily quota of %s', target_name[t]) font ',12'
    set yrange [0:t_yhi[t]]
    set ytics 0, t_step[t], t_top[t]
    set ytics add ('never' t_never[t])
    cy = 3 + 4 * (t - 1)
    cl = cy + 1
    ch = cy + 2
    cn = cy + 3
    plot t_never[t] with lines lc rgb '#999999' dt 3 lw 1.5 notitle, \
         for [j=1:ns] data index (j - 1) using 1:(key_cat[k] || column(cn) > 0 ? 1/0 : column(cy)) \
             with lines lc rgb ser_color[so + j] lw 1.2 notitle, \
         for [j=1:ns] data index (j - 1) using 1:(column(cn) > 0 ? 1/0 : column(cy)):cl:ch \
             with yerrorbars lc rgb ser_color[so + j] pt ser_pt[so + j] ps 1.2 lw 1.4 \
             title ser_label[so + j], \
         for [j=1:ns] data index (j - 1) using 1:(column(cn) > 0 ? column(cy) : 1/0):cl:ch \
             with yerrorbars lc rgb ser_color[so + j] pt ser_pt_never[so + j] ps 1.5 lw 1.4 notitle, \
         keyentry with points pt 7 ps 1.2 lc rgb '#000000' title 'median (p50)', \
         keyentry with yerrorbars pt 0 lc rgb '#000000' lw 1.4 title 'p10 to p90', \
         keyentry with points pt 6 ps 1.5 lc rgb '#000000' title 'median never reached'
}
unset multiplot
