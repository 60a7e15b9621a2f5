# report-batch.gp: the small multiple of a batch report: one quota-ramp panel
# per scenario, ramp-K.png (or .svg), K = 1..n_panel. gnuplot runs
# data/batch.gp (written by sesim: the panels, their accounts and colours, the
# common axes), then report-common.gp, then this file, in the report folder.
# Every panel has the same x range (0 to the longest duration, in days) and the
# same log y range (the decade below the lowest quota to 30 % above the
# highest), so that the ramps compare at a glance.
plot_w = 560
plot_h = 330
@term

set lmargin 8
set rmargin 2
set tmargin 2
set bmargin 3.5
set key bottom right inside reverse Left samplen 1.5 spacing 1 nobox font ',9' opaque
set xrange [0:x_max]
set xlabel 'days since the start' offset 0,0.3
set logscale y
set yrange [y_min:y_max]
set format y '%.0s%c'
set ylabel 'max24h' offset 1,0
set grid noxtics nomxtics

do for [k=1:n_panel] {
    set output sprintf('ramp-%d.', k) . fmt
    set title panel_name[k] font ',11' noenhanced
    if (panel_nacc[k] > 0) {
        plot for [i=1:panel_nacc[k]] sprintf('data/batch-%d.dat', k) index (i-1) using 1:2 \
            with steps lc rgb acc_color[panel_first[k]+i] lw 2 \
            title acc_name[panel_first[k]+i]
    } else {
        plot NaN notitle
    }
    unset output
}
