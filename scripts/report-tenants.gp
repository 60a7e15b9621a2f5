# report-tenants.gp: a run's tenants (tenants.csv, replication 1): one lane
# per tenant coloured by its status over time (top), and the mail each tenant
# sent per interval (bottom; in colour the tenants ever held back, grey the
# others). data/tenants.gp (loaded first) holds n_ten, ten_name, ten_off,
# ten_color and loads data/meta.gp.
lanes_h = 40 + 22 * n_ten
plot_h = 330 + lanes_h
@term
set output 'tenants.' . fmt
tenant_rgb(s) = s == 0 ? 0x74c476 : (s == 1 ? 0x6baed6 : (s == 2 ? 0xfd8d3c : 0xd62728))
lm = ten_len_max * 0.0065 + 0.03 > 0.075 ? ten_len_max * 0.0065 + 0.03 : 0.075
set lmargin at screen lm
set multiplot
# top: the lanes
set size 1, (lanes_h + 40.0) / plot_h
set origin 0, 1 - (lanes_h + 40.0) / plot_h
set title 'Tenant status over time' font ',13'
set format x ''
unset xlabel
set bmargin 1
unset ylabel
set yrange [0.4:n_ten + 0.6]
set ytics () scale 0
do for [i=1:n_ten] { set ytics add (ten_name[i] n_ten - i + 1) }
set grid noytics
plot 'data/tenants-lanes.dat' using (($1 + $2) / 2):3:(($2 - $1) / 2):(0.36):(tenant_rgb($4)) \
         with boxxyerror lc rgb variable notitle, \
     keyentry with boxes lc rgb '#74c476' title 'enabled', \
     keyentry with boxes lc rgb '#6baed6' title 'reinstated', \
     keyentry with boxes lc rgb '#fd8d3c' title 'alarm_paused', \
     keyentry with boxes lc rgb '#d62728' title 'paused'
# bottom: the mail sent per interval
set size 1, 1 - (lanes_h + 40.0) / plot_h
set origin 0, 0
set title 'Sent per interval, by tenant' font ',13'
set tmargin 2
set bmargin bottom_margin
set format x xfmt
set xlabel 'date (UTC)'
set ytics auto
set grid ytics
set yrange [0:*]
set ylabel 'messages sent per interval'
first_on = 0
do for [i=1:n_ten] { if (!ten_off[i] && first_on == 0) { first_on = i } }
# the grey lines first, the tenants held back over them
plot for [i=1:n_ten] 'data/tenants-sent.dat' index (i-1) using 1:(ten_off[i] ? 1/0 : $2) \
         with fsteps lc rgb ten_color[i] lw 1.2 title (i == first_on ? 'other tenants' : ''), \
     for [i=1:n_ten] 'data/tenants-sent.dat' index (i-1) using 1:(ten_off[i] ? $2 : 1/0) \
         with fsteps lc rgb ten_color[i] lw 2.2 title (ten_off[i] ? ten_name[i] : '')
unset multiplot
