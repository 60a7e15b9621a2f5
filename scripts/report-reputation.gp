# report-reputation.gp: bounce rate (top) and complaint rate (bottom) per
# account in %, with the scenario's review and pause thresholds (dashed) and
# the automatic ramp's limits (dotted); with a kind = cloudwatch stream whose
# file holds Reputation.BounceRate / .ComplaintRate, those observed points in
# black (data/observed-*.dat; obs_nb and obs_nc blocks, 0 when absent).
if (!exists("obs_nb")) obs_nb = 0
if (!exists("obs_nc")) obs_nc = 0
plot_h = 720
@term
set output 'reputation.' . fmt
set multiplot
set size 1, 0.5
set origin 0, 0.5
set bmargin 1.5
set format x ''
unset xlabel
set title 'Bounce rate (hard bounces / eligible sends)' font ',13'
set ylabel 'bounce rate, %'
set yrange [0:*]
set offsets 0, 0, graph 0.06, 0
set format y '%g%%'
plot for [i=1:n_acc] 'data/ts.dat' index (i-1) using 1:9 with lines \
         lc rgb acc_color[i] lw acc_lw[i] title acc_label(i), \
     bounce_pause with lines lc rgb pause_color lw 1.8 dt 2 title sprintf('pause at %g%%', bounce_pause), \
     bounce_review with lines lc rgb review_color lw 1.8 dt 2 title sprintf('review at %g%%', bounce_review), \
     ramp_bounce_max with lines lc rgb ramp_color lw 1.5 dt 3 title sprintf('ramp stops at %g%%', ramp_bounce_max), \
     for [k=1:obs_nb] 'data/observed-bounce.dat' index (k-1) using 1:2 with points \
         pt 7 ps 0.6 lc rgb '#000000' title obs_b_label[k]
set origin 0, 0
set tmargin 2.5
set bmargin bottom_margin
set format x xfmt
set xlabel 'date (UTC)'
set title 'Complaint rate (complaints / deliveries to feedback-loop domains)' font ',13'
set ylabel 'complaint rate, %'
plot for [i=1:n_acc] 'data/ts.dat' index (i-1) using 1:10 with lines \
         lc rgb acc_color[i] lw acc_lw[i] title acc_label(i), \
     complaint_pause with lines lc rgb pause_color lw 1.8 dt 2 title sprintf('pause at %g%%', complaint_pause), \
     complaint_review with lines lc rgb review_color lw 1.8 dt 2 title sprintf('review at %g%%', complaint_review), \
     ramp_complaint_max with lines lc rgb ramp_color lw 1.5 dt 3 title sprintf('ramp stops at %g%%', ramp_complaint_max), \
     for [k=1:obs_nc] 'data/observed-complaint.dat' index (k-1) using 1:2 with points \
         pt 7 ps 0.6 lc rgb '#000000' title obs_c_label[k]
unset multiplot
