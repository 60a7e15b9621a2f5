#!/bin/sh
# layers.sh: check the include rule of docs/design.md ("Layout"). The folders of
# sources.mk's SESIM_LAYERS are layers, bottom first; a file may include a header
# of its own folder (bare name, "x.h") or of a layer below it ("core/x.h",
# "models/x.h"), never one above. The one exception is written here: models/
# sees the scenario's types, "scenario/scenario.h". Within a folder, the modules
# (x.c with x.h) must not include each other in a circle.
# Usage: sh tests/layers.sh (from the top of the tree); exit 1 on a violation.
set -eu
LAYERS=$(sed -n "s/^SESIM_LAYERS[[:space:]]*:=[[:space:]]*//p" sources.mk)
EXCEPTIONS="models:scenario/scenario.h"

rank() { # folder -> its position in LAYERS (0: not a layer)
    i=0
    for l in $LAYERS; do i=$((i + 1)); [ "$l" = "$1" ] && { echo $i; return; }; done
    echo 0
}
folder_of() { # include path as written ("core/x.h", "models/x.h") -> folder
    case $1 in models/*) echo models ;; */*) echo "sim/${1%/*}" ;; *) echo "" ;; esac
}

bad=0
for layer in $LAYERS; do
    own=$(rank "$layer")
    for f in "$layer"/*.[ch]; do
        [ -e "$f" ] || continue
        for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
            dir=$(folder_of "$inc")
            if [ -z "$dir" ]; then
                [ -e "$layer/$inc" ] && continue
                echo "layers: $f includes \"$inc\", which is not in $layer/ (write its folder)"; bad=1; continue
            fi
            [ -e "$dir/${inc##*/}" ] || { echo "layers: $f includes \"$inc\": no such header"; bad=1; continue; }
            case " $EXCEPTIONS " in *" $layer:$inc "*) continue ;; esac
            [ "$dir" = "$layer" ] && { echo "layers: $f: include \"${inc##*/}\" of its own folder by its bare name"; bad=1; continue; }
            if [ "$(rank "$dir")" -ge "$own" ]; then
                echo "layers: $f ($layer) includes \"$inc\" from $dir, a layer that is not below it"; bad=1
            fi
        done
    done
done

# Circles between the modules of one folder: module x uses module y when x.c or
# x.h includes y.h; tsort reports a cycle.
for layer in $LAYERS; do
    edges=$(for f in "$layer"/*.[ch]; do
        [ -e "$f" ] || continue
        m=$(basename "$f"); m=${m%.*}; m=${m%_int}
        echo "$m $m"
        for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^/"]*\)\.h".*/\1/p' "$f"); do
            inc=${inc%_int} # x_int.h: the internal header of module x
            [ "$inc" = "$m" ] || echo "$inc $m"
        done
    done)
    if ! printf '%s\n' "$edges" | tsort >/dev/null 2>&1; then
        echo "layers: $layer: modules include each other in a circle:"
        printf '%s\n' "$edges" | tsort 2>&1 >/dev/null | sed 's/^/  /'
        bad=1
    fi
done
[ $bad -eq 0 ] && echo "ok   layers: every include goes to its own folder or a layer below; no circles"
exit $bad
