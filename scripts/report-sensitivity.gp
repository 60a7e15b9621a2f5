# report-sensitivity.gp: a sensitivity study (data/sens.gp), metric m (gnuplot
# -e 'm = K'): data/sens-K.dat holds per key, by rank: its bar position (0:
# not drawn), mu*, its 95% interval (lo, hi), sigma, the key, its rank (-1:
# empty). Left: the keys ranked by mu* with their intervals; right: mu*
# against sigma, the first 3 named.
plot_h = 620
@term
set output sprintf('sensitivity-%d.', m) . fmt
data = sprintf('data/sens-%d.dat', m)
set datafile separator "\t"
nb = int(sens_bars[m])
top = sens_top[m]
div = sens_days[m] ? 1 : count_div(top)
suf = sens_days[m] ? '' : count_suffix(top)
unit = sens_days[m] ? ' (days)' : ''
unset key

set multiplot title sprintf('What moves %s', sens_name[m]) font ',14'
# Left: the ranked bars.
set lmargin at screen 0.27
set rmargin at screen 0.60
set tmargin at screen 1 - 70.0 / plot_h
set bmargin at screen 70.0 / plot_h
set yrange [0.4:nb + 0.6]
set xrange [0:top * 1.05 / div]
set format x '%g' . suf
set ytics scale 0 font ',9'
set grid xtics noytics
set xlabel 'mu* per whole range' . unit
set title 'Keys by rank: mu* and its 95% interval' font ',11'
plot data using ($1 > 0 ? $2 / 2 / div : 1/0):1:(0):($2 / div):($1 - 0.35):($1 + 0.35):ytic(6) \
         with boxxyerror lc rgb '#6baed6' fs solid 0.85 noborder, \
     '' using ($1 > 0 && $3 >= 0 ? $2 / div : 1/0):1:($3 / div):($4 / div) \
         with xerrorbars lc rgb '#08306b' pt 7 ps 0.5 lw 1.2
# Right: mu* against sigma.
set lmargin at screen 0.68
set rmargin at screen 0.97
set ytics auto scale 0.6 font ''
set format y '%g' . suf
set grid xtics ytics
set autoscale y
set yrange [0:*]
set ylabel 'sigma' . unit
set xlabel 'mu*' . unit
set title 'mu* against sigma' font ',11'
plot data using ($2 / div):($5 < 0 ? 1/0 : $5 / div) with points lc rgb '#08306b' pt 7 ps 0.8, \
     '' using ($2 / div):($5 < 0 ? 1/0 : $5 / div):($7 <= 3 && $2 > 0 ? stringcolumn(6) : '') \
         with labels left offset 0.6, 0.4 font ',8' tc rgb '#333333'
unset multiplot
