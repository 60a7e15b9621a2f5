# report-sweep-shares.gp: a sweep (data/sweep.gp): the share of replications
# paused at least once (top) and reviewed at least once (bottom), in %, against
# the sweep's key k (gnuplot -e 'k = K'). One colour per value of the other keys;
# categories are dots, not joined by lines.
plot_h = 760
@term
set output sprintf('sweep-shares-%d.', k) . fmt
data = sprintf('data/sweep-key-%d.dat', k)
ns = int(key_nser[k])
so = int(key_ser_off[k])
cp = 3 + 4 * n_targets
cr = cp + 1

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
set grid xtics ytics
set yrange [-4:104]
set ytics 0, 25, 100
set format y '%g%%'
set ylabel 'share of replications'
set key title key_title[k] left
set key samplen 2.5

sty = key_cat[k] ? 'points' : 'linespoints'
set multiplot title sprintf('Replications paused and reviewed, against %s', key_name[k]) font ',14'
set tmargin at screen 1 - 80.0 / plot_h
set bmargin at screen 0.5 + 62.0 / plot_h
set xlabel key_label[k]
set title 'Paused at least once (days_paused > 0)' font ',12'
plot for [j=1:ns] data index (j - 1) using 1:(column(cp) < 0 ? 1/0 : column(cp)) \
         with @sty lc rgb ser_color[so + j] pt ser_pt[so + j] ps 1.2 lw 1.6 \
         title ser_label[so + j]
unset key
set tmargin at screen 0.5 - 48.0 / plot_h
set bmargin at screen 70.0 / plot_h
set title 'Reviewed at least once (days_under_review > 0)' font ',12'
plot for [j=1:ns] data index (j - 1) using 1:(column(cr) < 0 ? 1/0 : column(cr)) \
         with @sty lc rgb ser_color[so + j] pt ser_pt[so + j] ps 1.2 lw 1.6 dt 1 \
         title ser_label[so + j]
unset multiplot
