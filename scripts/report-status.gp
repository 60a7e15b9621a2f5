# report-status.gp: one lane per account, coloured by its status over time
# (sandbox, healthy, under_review, paused).
plot_h = 150 + 48 * n_acc
@term
set output 'status.' . fmt
set title 'Account status over time' font ',13'
unset ylabel
set yrange [0.4:n_acc + 0.6]
# room on the left for the longest account name
set lmargin at screen (name_len_max * 0.0065 + 0.03 > 0.075 ? name_len_max * 0.0065 + 0.03 : 0.075)
set ytics () scale 0
do for [i=1:n_acc] { set ytics add (acc_label(i) n_acc - i + 1) }
set grid noytics
plot 'data/status.dat' using (($1 + $2) / 2):3:(($2 - $1) / 2):(0.36):(status_rgb($4)) \
         with boxxyerror lc rgb variable notitle, \
     keyentry with boxes lc rgb '#b0b0b0' title 'sandbox', \
     keyentry with boxes lc rgb '#74c476' title 'healthy', \
     keyentry with boxes lc rgb '#fd8d3c' title 'under_review', \
     keyentry with boxes lc rgb '#d62728' title 'paused'
