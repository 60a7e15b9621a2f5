# fuzz.mk: build and run the fuzz targets of tests/fuzz (called by `make fuzz`).
#
#   make fuzz [FUZZ_SECONDS=60]                 each target for N seconds, libFuzzer
#   make -f tests/fuzz/fuzz.mk build            the libFuzzer binaries only
#   make -f tests/fuzz/fuzz.mk afl              AFL++ binaries (afl-clang-fast, -DAFL_MAIN)
#   make -f tests/fuzz/fuzz.mk standalone       plain binaries that run the inputs named
#                                               on their command line (reproduce a crash)
#
# libFuzzer comes with Debian's clang (clang-14 and libclang-rt-14-dev). Objects
# go under build/fuzz/<variant>/ (build/ is ignored by git; no .d files there,
# so the main Makefile's dependency include never sees these objects). Each run
# starts from the seed corpus tests/fuzz/corpus/TARGET and keeps what it finds
# in build/fuzz/corpus/TARGET; crashes go to build/fuzz/artifacts/.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= $(shell command -v clang-14 >/dev/null 2>&1 && echo clang-14 || echo clang)
AFL_CC       ?= afl-clang-fast
TARGETS      := units scenario csvin replay json cloudwatch quota
VARIANT      ?= libfuzzer

include sources.mk
PKG_CFLAGS := $(shell pkg-config --cflags $(SESIM_PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(SESIM_PKGS) 2>/dev/null || echo $(SESIM_LIBS_FALLBACK))
LIBS       := $(PKG_LIBS) -lcsv -lm

SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
ifeq ($(VARIANT),libfuzzer)
CC_V      := $(FUZZ_CC)
LIB_FLAGS := -O1 -g $(SAN) -fsanitize=fuzzer-no-link
BIN_FLAGS := -O1 -g $(SAN) -fsanitize=fuzzer
else ifeq ($(VARIANT),afl)
CC_V      := $(AFL_CC)
LIB_FLAGS := -O1 -g $(SAN)
BIN_FLAGS := -O1 -g $(SAN) -DAFL_MAIN
else
CC_V      := $(FUZZ_CC)
LIB_FLAGS := -O1 -g $(SAN)
BIN_FLAGS := -O1 -g $(SAN) -DAFL_MAIN
endif

OUT      := build/fuzz/$(VARIANT)
FCFLAGS  := -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L $(SESIM_INC) $(PKG_CFLAGS) \
            -DSESIM_DATADIR='"/usr/local/share/sesim"'
OBJ      := $(patsubst %.c,$(OUT)/%.o,$(LIB_SRC)) $(OUT)/sim/default_scenario.o
BINS     := $(TARGETS:%=$(OUT)/fuzz_%)

.PHONY: build afl standalone run
.SECONDARY:
build: $(BINS)

afl:
	$(MAKE) -f tests/fuzz/fuzz.mk VARIANT=afl build
standalone:
	$(MAKE) -f tests/fuzz/fuzz.mk VARIANT=standalone build

$(OUT)/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	@echo "  CC      $< ($(VARIANT))"
	@$(CC_V) $(FCFLAGS) $(LIB_FLAGS) -c $< -o $@

# The built-in default scenario, embedded as by the main Makefile.
$(OUT)/sim/default_scenario.c: $(DEFAULT_SCENARIO) scripts/embed.sh
	@mkdir -p $(dir $@)
	@sh scripts/embed.sh scn_default_text $< > $@

$(OUT)/sim/default_scenario.o: $(OUT)/sim/default_scenario.c
	@$(CC_V) $(FCFLAGS) $(LIB_FLAGS) -c $< -o $@

$(OUT)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(OBJ)
	@echo "  LINK    $@"
	@$(CC_V) $(FCFLAGS) $(BIN_FLAGS) -o $@ $< $(OBJ) $(LIBS)

# Each target in turn for FUZZ_SECONDS; the first finding stops with its report.
# The CSV targets write each input to a file: on /dev/shm when there is one.
# (Big buffers filled by ASan on every malloc cost more than the input's run.)
FUZZ_TMP := $(if $(wildcard /dev/shm),/dev/shm,build/fuzz/tmp)
run: build
	@mkdir -p build/fuzz/artifacts build/fuzz/tmp
	@for t in $(TARGETS); do \
	    mkdir -p build/fuzz/corpus/$$t; \
	    echo "fuzz_$$t: $(FUZZ_SECONDS) s (log: build/fuzz/$$t.log)"; \
	    FUZZ_TMPDIR=$(FUZZ_TMP) ASAN_OPTIONS=max_malloc_fill_size=0 \
	    $(OUT)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
	        -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
	        -dict=tests/fuzz/$$t.dict -artifact_prefix=build/fuzz/artifacts/$$t- \
	        build/fuzz/corpus/$$t tests/fuzz/corpus/$$t >build/fuzz/$$t.log 2>&1 || \
	        { tail -40 build/fuzz/$$t.log; echo "fuzz_$$t: FINDING (see above)"; exit 1; }; \
	    grep -a -E '^#[0-9]+[[:space:]]+DONE' build/fuzz/$$t.log | sed "s/^/  /"; \
	done
