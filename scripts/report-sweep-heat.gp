# report-sweep-heat.gp: a sweep of two keys (data/sweep.gp): the median days
# until the daily quota reached the first target some point reached, for every
# combination of the two keys (categories in sweep order), one panel per
# account. Grey cells marked 'never': the median replication never reached it.
n1 = int(key_nval[1])
n2 = int(key_nval[2])
o1 = int(key_val_off[1])
o2 = int(key_val_off[2])
panel_h = 120 + (n2 * 46 > 250 ? n2 * 46 : 250)
plot_h = 50 + heat_panels * panel_h
@term
set output 'sweep-heat.' . fmt

set xrange [0.5:n1 + 0.5]
set yrange [0.5:n2 + 0.5]
set xtics () scale 0
set ytics () scale 0
do for [i=1:n1] { set xtics add (val_tic[o1 + i] i) }
do for [i=1:n2] { set ytics add (val_tic[o2 + i] i) }
set grid noxtics noytics
set border 0
set xlabel key_name[1] . ' (categories, in sweep order)'
set ylabel key_name[2] . ' (categories)'
# viridis, reversed: light (few days) to dark (many)
set palette defined (0 '#fde725', 0.25 '#5ec962', 0.5 '#21918c', 0.75 '#3b528b', 1 '#440154')
set cbrange [heat_cbmin:heat_cbmax]
set cblabel sprintf('median days to %s a day', heat_target)
set cbtics out nomirror
never_color = '#c8c8c8'
# no colour scale when every cell is 'never'
set key at screen (heat_reached ? 0.86 : 0.76), screen 1 - 60.0 / plot_h left top Left reverse samplen 1.5 nobox
cell_label(v, never, reached) = never > 0 ? \
    (reached > 0 ? sprintf("never\n%.0f%% reached", 100 * reached) : "never") : \
    ((reached >= 0 && reached < 1) ? sprintf("%g d\n%.0f%% reached", v, 100 * reached) : sprintf("%g d", v))
dark(v, never) = never > 0 ? 0x444444 : \
    ((v - heat_cbmin) / (heat_cbmax - heat_cbmin) > 0.5 ? 0xffffff : 0x000000)

set multiplot title sprintf('Median days until the daily quota reaches %s a day%s', heat_target, \
    heat_reached ? '' : ' (no point reached any target)') font ',14'
set lmargin at screen 0.12
set rmargin at screen 0.74
do for [p=1:heat_panels] {
    t0 = 1 - (50.0 + (p - 1) * panel_h) / plot_h
    set tmargin at screen t0 - 30.0 / plot_h
    set bmargin at screen t0 - (panel_h - 60.0) / plot_h
    set colorbox user origin screen 0.755, screen t0 - (panel_h - 60.0) / plot_h \
        size screen 0.02, screen (panel_h - 90.0) / plot_h
    if (!heat_reached) { unset colorbox }
    if (p > 1) { unset key }
    set title (heat_panels > 1 || n_acc > 1 ? sprintf('account %s', acc_name[p]) : '') font ',12'
    plot 'data/sweep-heat.dat' index (p - 1) using 1:($4 > 0 ? 1/0 : $2):(0.5):(0.5):3 \
             with boxxyerror fs solid 1 border lc rgb '#ffffff' lc palette notitle, \
         '' index (p - 1) using 1:($4 > 0 ? $2 : 1/0):(0.5):(0.5) \
             with boxxyerror fs solid 1 border lc rgb '#ffffff' lc rgb never_color notitle, \
         '' index (p - 1) using 1:2:(cell_label($3, $4, $5)):(dark($3, $4)) \
             with labels tc rgb variable font ',10' notitle, \
         keyentry with boxes fs solid 1 lc rgb never_color title 'never (median)'
}
unset multiplot
