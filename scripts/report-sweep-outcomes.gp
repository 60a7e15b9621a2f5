# report-sweep-outcomes.gp: a sweep (data/sweep.gp) over a key of categories
# (gnuplot -e 'k = K'): what separates its values besides the days to the
# targets, one panel per measure (mail through SES, overflow, dropped,
# throttled attempts, queueing delay p50 and p99). A bar per value and series:
# the mean over the replications, its number above it; with several
# replications a whisker from the 10th to the 90th percentile (runs.csv);
# 'none' where no replication has the measure (nothing queued).
nrow = int((n_meas + 1) / 2)
plot_h = 90 + 300 * nrow
@term
set output sprintf('sweep-outcomes-%d.', k) . fmt
data = sprintf('data/sweep-key-%d.dat', k)
ns = int(key_nser[k])
so = int(key_ser_off[k])
nv = int(key_nval[k])
vo = int(key_val_off[k])
oc = 5 + 4 * n_targets
bw = ns > 1 ? 0.8 / ns : 0.6
bx(j) = column(2) + (j - (ns + 1) / 2.0) * bw
set boxwidth bw * 0.92 absolute
set style fill solid 0.85 noborder
set xrange [0.4:nv + 0.6]
set xtics () scale 0
do for [i=1:nv] { set xtics add (val_tic[vo + i] i) }
set grid noxtics ytics
set offsets 0, 0, graph 0.14, 0
set yrange [0:*]
set format y '%g'
set key at screen 0.83, screen 1 - 70.0 / plot_h left top reverse Left samplen 1.5 spacing 1.15 nobox
set key title key_title[k] left
num(v) = v == int(v) || v >= 100 ? sprintf('%.0f', v) : (v >= 10 ? sprintf('%.1f', v) : sprintf('%.2f', v))
has(c) = column(c) >= 0
top_of(c) = has_intervals && column(c + 2) > column(c) ? column(c + 2) : column(c) # label above the whisker
set multiplot title sprintf("What differs between the values of %s\n%s", key_name[k], \
    has_intervals ? 'bar: the mean over the replications; whisker: 10th to 90th percentile' : \
    'bar: the mean over the replications (one replication: no interval)') font ',13'
top = 1 - 70.0 / plot_h
ph = top / nrow
do for [m=1:n_meas] {
    r = int((m - 1) / 2)
    c = (m - 1) % 2
    set tmargin at screen top - r * ph - 28.0 / plot_h
    set bmargin at screen top - (r + 1) * ph + 48.0 / plot_h
    if (ns > 1) {
        set lmargin at screen (c == 0 ? 0.07 : 0.455)
        set rmargin at screen (c == 0 ? 0.38 : 0.765)
    } else {
        set lmargin at screen (c == 0 ? 0.07 : 0.56)
        set rmargin at screen (c == 0 ? 0.47 : 0.96)
    }
    if (m > 1 || ns == 1) { unset key }
    set title meas_title[m] font ',12'
    set ylabel meas_unit[m]
    d = meas_div[m]
    cm = oc + 3 * (m - 1)
    unset label 1
    if (!meas_any[m]) { set label 1 'none at any point' at graph 0.5, graph 0.5 center tc rgb '#777777' }
    plot for [j=1:ns] data index (j - 1) using (bx(j)):(has(cm) ? column(cm) / d : 1/0) \
             with boxes lc rgb ser_color[so + j] title ser_label[so + j], \
         for [j=1:ns] data index (j - 1) using (bx(j)):(has(cm) && has_intervals && column(cm + 1) >= 0 ? \
             column(cm + 1) / d : 1/0):(0):((column(cm + 2) - column(cm + 1)) / d) \
             with vectors nohead lc rgb '#333333' lw 1.6 notitle, \
         for [j=1:ns] data index (j - 1) using (bx(j)):(has(cm) ? top_of(cm) / d : 1/0): \
             (has(cm) ? num(column(cm) / d) : '') with labels offset 0, 0.7 font ',9' notitle, \
         for [j=1:ns] data index (j - 1) using (bx(j)):(has(cm) ? 1/0 : 0):('none') \
             with labels offset 0, 0.7 font ',9' tc rgb '#777777' notitle, \
         1/0 notitle
}
unset multiplot
