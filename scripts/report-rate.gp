# report-rate.gp: the maximum send rate (max_rate) per account, and the mean
# rate sent over each interval.
plot_h = 480
@term
set output 'rate.' . fmt
set title 'Maximum send rate allowed (max_rate) and mean rate sent' font ',13'
set ylabel 'messages per second'
set yrange [0:*]
set format y '%g'
plot for [i=1:n_acc] 'data/ts.dat' index (i-1) using 1:11 with lines \
         lc rgb acc_color[i] lw 0.8 dt 1 notitle, \
     for [i=1:n_acc] 'data/ts.dat' index (i-1) using 1:3 with steps \
         lc rgb acc_color[i] lw acc_lw[i] dt acc_dt(i) notitle, \
     for [i=1:n_acc] keyentry with lines lc rgb acc_color[i] lw acc_lw[i] dt acc_dt(i) title acc_label(i), \
     keyentry with lines lc rgb '#000000' lw 2 title 'max_rate (allowed)', \
     keyentry with lines lc rgb '#000000' lw 0.8 title 'mean sent per interval'
