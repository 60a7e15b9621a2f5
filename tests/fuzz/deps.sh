#!/bin/sh
# deps.sh: make sure clang can build libFuzzer targets (clang and its
# libclang-rt-N-dev, the fuzzer runtime); install them when run as root.
cc=$(command -v clang-14 || command -v clang || true)
probe() {
    [ -n "$cc" ] || return 1
    d=$(mktemp -d) || return 1
    printf '#include <stdint.h>\n#include <stddef.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' > "$d/p.c"
    "$cc" -fsanitize=fuzzer,address,undefined "$d/p.c" -o "$d/p" 2>/dev/null; rc=$?
    rm -rf "$d"
    return $rc
}
probe && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    v=$("${cc:-false}" --version 2>/dev/null | sed -n 's/.*clang version \([0-9]*\).*/\1/p')
    pkgs="clang${v:+-$v} libclang-rt-${v:-14}-dev"
    echo "fuzz: installing $pkgs"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $pkgs >/dev/null &&
        cc=$(command -v clang-${v:-14} || command -v clang) && probe && exit 0
fi
echo "fuzz: clang cannot build libFuzzer targets: install clang-14 and libclang-rt-14-dev" >&2
exit 1
