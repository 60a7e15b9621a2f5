# report-quota.gp: the daily quota (max24h), the 24-hour sent count and the
# demand of the last 24 hours per account, with events as markers; below,
# overflow, rejected + dropped (24-hour sums) and the backlog.
# With -e 'log_y = 1': the top panel alone, log scale, into quota-log.*.
# With -e 'zoom = 1': the top panel alone from the start to t_zoom (a little
# after the last quota raise), into quota-ramp.*.
if (!exists("zoom")) zoom = 0
bottom = (has_overflow || has_lost || has_backlog) && !log_y && !zoom
plot_h = bottom ? 780 : 560
@term
set output (log_y ? 'quota-log.' : (zoom ? 'quota-ramp.' : 'quota.')) . fmt
if (zoom) { set xrange [t_min:t_zoom] }

div = log_y ? 1 : count_div(top_max)

if (bottom) {
    set multiplot
    set size 1, 0.64
    set origin 0, 0.36
    set format x ''
    unset xlabel
    set bmargin 1
}
set title (log_y ? 'Daily quota, sent and demand per rolling 24 hours (log scale)' : \
    (zoom ? 'The ramp: daily quota, sent and demand per rolling 24 hours, zoomed' : \
    'Daily quota, sent and demand per rolling 24 hours')) font ',13'
set ylabel 'messages per rolling 24 h'
if (log_y) {
    set logscale y
    set format y '%.0s%c'
    set yrange [log_min:*]
} else {
    set format y '%g' . count_suffix(top_max)
    set yrange [0:*]
}
plot for [i=1:n_acc] 'data/ts.dat' index (i-1) using 1:($2/div) with steps \
         lc rgb acc_color[i] lw acc_lw[i] dt acc_dt(i) notitle, \
     for [i=1:n_acc] 'data/ts.dat' index (i-1) using 1:($4/div) with lines \
         lc rgb acc_color[i] lw acc_lw[i] * 0.75 dt 2 notitle, \
     for [i=1:n_acc] 'data/ts.dat' index (i-1) using 1:($5/div) with lines \
         lc rgb acc_color[i] lw acc_lw[i] * 0.75 dt 3 notitle, \
     for [k=1:ev_n] 'data/events.dat' index (k-1) using 1:($2/div):3 with points \
         pt ev_pt[k] ps 1.5 lc rgb variable notitle, \
     for [i=1:n_acc] keyentry with lines lc rgb acc_color[i] lw acc_lw[i] dt acc_dt(i) title acc_label(i), \
     keyentry with lines lc rgb '#000000' lw 1.5 dt 1 title 'quota (max24h)', \
     keyentry with lines lc rgb '#000000' lw 1.5 dt 2 title 'sent, last 24 h', \
     keyentry with lines lc rgb '#000000' lw 1.5 dt 3 title 'demand, last 24 h', \
     for [k=1:ev_n] keyentry with points pt ev_pt[k] ps 1.5 lc rgb '#000000' title ev_label[k]

if (bottom) {
    set size 1, 0.36
    set origin 0, 0
    set tmargin 2.5
    set bmargin bottom_margin
    set format x xfmt
    set xlabel 'date (UTC)'
    set title 'Not sent through SES' font ',12'
    div = count_div(low_max)
    set format y '%g' . count_suffix(low_max)
    set ylabel 'messages'
    # the first quantity present is drawn solid, the next dashed, the last dotted
    dt_ovf = 1
    dt_lost = 1 + has_overflow
    dt_back = 1 + has_overflow + has_lost
    plot for [i=1:(has_overflow ? n_acc : 0)] 'data/ts.dat' index (i-1) using 1:($6/div) \
             with lines lc rgb acc_color[i] lw acc_lw[i] * 0.8 dt dt_ovf notitle, \
         for [i=1:(has_lost ? n_acc : 0)] 'data/ts.dat' index (i-1) using 1:($7/div) \
             with lines lc rgb acc_color[i] lw acc_lw[i] * 0.8 dt dt_lost notitle, \
         for [i=1:(has_backlog ? n_acc : 0)] 'data/ts.dat' index (i-1) using 1:($8/div) \
             with lines lc rgb acc_color[i] lw acc_lw[i] * 0.8 dt dt_back notitle, \
         for [j=1:has_overflow] keyentry with lines lc rgb '#000000' lw 1.5 dt dt_ovf \
             title 'overflow, 24 h', \
         for [j=1:has_lost] keyentry with lines lc rgb '#000000' lw 1.5 dt dt_lost \
             title 'rejected + dropped, 24 h', \
         for [j=1:has_backlog] keyentry with lines lc rgb '#000000' lw 1.5 dt dt_back \
             title 'backlog (waiting)'
    unset multiplot
}
