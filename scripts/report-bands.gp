# report-bands.gp: across replications (bands.csv): the 5-95% band and the
# median of the daily quota (top) and of the 24-hour sent count (bottom).
# Accounts with an unlimited quota (max24h -1) have no quota band; when no
# account has one, only the bottom panel is drawn.
top = nb_quota > 0
plot_h = top ? 720 : 400
@term
set output 'bands.' . fmt
set style fill transparent solid 0.22 noborder
band_label(s) = (s eq '*' ? '* (total)' : s) . ', median'
set yrange [0:*]
set ylabel 'messages per rolling 24 h'
if (top) {
    set multiplot
    set size 1, 0.5
    set origin 0, 0.5
    set bmargin 1.5
    set format x ''
    unset xlabel
    m = band_quota_max
    div = count_div(m)
    set format y '%g' . count_suffix(m)
    set title 'Daily quota (max24h) across replications: median and 5-95% band' font ',13'
    plot for [i=1:nb_quota] 'data/bands_max24h.dat' index (i-1) using 1:($3/div):($5/div) \
             with filledcurves lc rgb nb_quota_color[i] notitle, \
         for [i=1:nb_quota] 'data/bands_max24h.dat' index (i-1) using 1:($4/div) \
             with lines lc rgb nb_quota_color[i] lw nb_quota_lw[i] title band_label(nb_quota_name[i]), \
         keyentry with boxes lc rgb '#999999' title '5-95% of replications'
    set origin 0, 0
    set tmargin 2.5
}
set bmargin bottom_margin
set format x xfmt
set xlabel 'date (UTC)'
m = band_sent_max
div = count_div(m)
set format y '%g' . count_suffix(m)
set title 'Sent in the last 24 hours (sent_24h) across replications: median and 5-95% band' font ',13'
plot for [i=1:nb_sent] 'data/bands_sent_24h.dat' index (i-1) using 1:($3/div):($5/div) \
         with filledcurves lc rgb nb_sent_color[i] notitle, \
     for [i=1:nb_sent] 'data/bands_sent_24h.dat' index (i-1) using 1:($4/div) \
         with lines lc rgb nb_sent_color[i] lw nb_sent_lw[i] title band_label(nb_sent_name[i]), \
     keyentry with boxes lc rgb '#999999' title '5-95% of replications'
if (top) { unset multiplot }
