# report-mailbox.gp: one mailbox provider of a run (data/mailbox-K.gp, written
# by sesim report, loads data/meta.gp and names the provider, its data file,
# its accounts and their colours). Panels over time, one line per account:
# deferred and blocked (% of the last 24 hours' new mail), spam folder (% of
# the last 24 hours' deliveries), and the dedicated IPs' daily allowance at
# this provider when an account has dedicated IPs.
n_pan = mb_allow_max > 0 ? 4 : 3
plot_h = 250 * n_pan + 60
@term
set output mb_out . '.' . fmt
set multiplot
ph = 1.0 / n_pan
set size 1, ph
set format x ''
unset xlabel
set yrange [0:1<*]
set offsets 0, 0, graph 0.06, 0
set format y '%g%%'
set bmargin 1.5
set origin 0, 1 - ph
set title sprintf('%s: new mail deferred (4xx) at its first attempt, last 24 h', mb_name) font ',13'
set ylabel 'deferred, % of sent'
plot for [i=1:mb_n] mb_file index (i-1) using 1:2 with lines \
         lc rgb mb_acc_color[i] lw 2 title mb_acc_name[i]
set tmargin 2.5
set origin 0, 1 - 2 * ph
set title sprintf('%s: mail blocked (5xx), last 24 h', mb_name) font ',13'
set ylabel 'blocked, % of sent'
plot for [i=1:mb_n] mb_file index (i-1) using 1:3 with lines \
         lc rgb mb_acc_color[i] lw 2 title mb_acc_name[i]
set origin 0, 1 - 3 * ph
if (n_pan == 3) { set bmargin bottom_margin; set format x xfmt; set xlabel 'date (UTC)' }
set title sprintf('%s: deliveries placed in the spam folder, last 24 h', mb_name) font ',13'
set ylabel 'spam folder, % of delivered'
plot for [i=1:mb_n] mb_file index (i-1) using 1:4 with lines \
         lc rgb mb_acc_color[i] lw 2 title mb_acc_name[i]
if (n_pan == 4) {
    set origin 0, 0
    set bmargin bottom_margin
    set format x xfmt
    set xlabel 'date (UTC)'
    set title sprintf("%s: the dedicated IPs' daily allowance (solid) and mail over them, last 24 h (dashed)", mb_name) font ',13'
    set ylabel 'messages per day'
    set logscale y
    set format y '%.0s%c'
    set yrange [*:*]
    set offsets 0, 0, 0, 0
    plot for [i=1:mb_n] mb_file index (i-1) using 1:($5 > 0 ? $5 : NaN) with steps \
             lc rgb mb_acc_color[i] lw 2 title mb_acc_name[i], \
         for [i=1:mb_n] mb_file index (i-1) using 1:($6 > 0 ? $6 : NaN) with lines \
             lc rgb mb_acc_color[i] lw 1.5 dt 2 notitle
}
unset multiplot
