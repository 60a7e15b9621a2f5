# t_layers.sh: tests/layers.sh passes on the tree and catches each kind of
# violation planted in a copy: an include of a layer above, a same-folder header
# written with its folder, a header that does not exist, a circle in a folder.
. tests/e2e/lib.sh

sh tests/layers.sh >/dev/null || fail "tests/layers.sh fails on the tree itself"
copy() { rm -rf "$T/tree"; mkdir "$T/tree"; cp -r sources.mk sim models tests "$T/tree/"; }
expect_violation() { # WHAT PATTERN
    (cd "$T/tree" && sh tests/layers.sh) >"$T/out" 2>&1 && fail "$1 not caught"
    grep -q "$2" "$T/out" || fail "$1: unexpected message: $(cat "$T/out")"
}
copy; echo '#include "report/report.h"' >> "$T/tree/models/bucket.c"
expect_violation "models including the report layer" "not below it"
copy; echo '#include "run/run.h"' >> "$T/tree/sim/core/heap.c"
expect_violation "core including the run layer" "not below it"
copy; echo '#include "core/heap.h"' >> "$T/tree/sim/core/engine.c"
expect_violation "own folder written with its folder" "by its bare name"
copy; echo '#include "core/nothing.h"' >> "$T/tree/sim/io/pool.c"
expect_violation "a missing header" "no such header"
copy; echo '#include "account.h"' >> "$T/tree/models/bucket.h"
expect_violation "a circle of modules" "circle"
pass "layers.sh passes on the tree; catches an upward include, a folder-qualified own header, a missing header, a circle"
