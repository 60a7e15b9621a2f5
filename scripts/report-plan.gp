# report-plan.gp: a plan (data/plan.gp, data/plan.dat: day, cap (-1: none),
# SES sends mean, p05, p95, quota mean, p05, p95, % reviewed or paused).
# Top: the schedule cap against what SES sent each day and the quota (means,
# bands from the 5th to the 95th percentile), the target; bottom: the share of
# replications reviewed or paused by each day, and --risk.
plot_h = 760
@term
set output 'plan.' . fmt
data = 'data/plan.dat'
set datafile separator "\t"
div = count_div(y_max)
suf = count_suffix(y_max)
set xrange [0.5:plan_days + 0.5]
set xlabel 'day'
set grid xtics ytics

set multiplot title 'The schedule against the quota, and the risk by day' font ',14'
set tmargin at screen 1 - 80.0 / plot_h
set bmargin at screen 0.45
set yrange [0:y_max * 1.08 / div]
set format y '%g' . suf
set ylabel 'messages per day'
set title 'Schedule cap, what SES sent and the quota (mean; band: 5th to 95th percentile)' font ',12'
plot data using 1:($4/div):($5/div) with filledcurves lc rgb '#9ecae1' fs transparent solid 0.5 \
         title 'SES sends, p05-p95', \
     '' using 1:($3/div) with linespoints lc rgb '#1f77b4' pt 7 ps 0.7 lw 2 title 'SES sends, mean', \
     '' using 1:($7/div):($8/div) with filledcurves lc rgb '#fdd0a2' fs transparent solid 0.45 \
         title 'quota, p05-p95', \
     '' using 1:($6/div) with lines lc rgb '#e6550d' lw 2 dt 2 title 'quota (max24h), mean', \
     '' using ($1 - 0.5):($2 < 0 ? 1/0 : $2/div):(1):(0) with vectors nohead lc rgb '#222222' lw 2.5 \
         title 'schedule cap (a day each)', \
     (target > 0 ? target / div : 1/0) with lines lc rgb '#2ca02c' dt 3 lw 1.5 title 'target'
set tmargin at screen 0.31
set bmargin at screen 70.0 / plot_h
set yrange [-4:104]
set ytics 0, 25, 100
set format y '%g%%'
set ylabel 'share of replications'
set title 'Reviewed or paused by that day' font ',12'
plot data using ($1 - 0.5):9:(1):(0) with vectors nohead lc rgb pause_color lw 2.5 title 'reviewed or paused', \
     (risk_limit >= 0 ? risk_limit : 1/0) with lines lc rgb '#444444' dt 2 lw 1.2 title 'limit (--risk)'
unset multiplot
