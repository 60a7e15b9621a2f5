# sesim: build, test, demo, install. `make help` lists the targets.
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
BUILD   ?= build
# The binaries; the sanitizer build puts its own under build-asan/.
BIN     ?= sesim
TESTBIN ?= tests/unit/run_tests

include sources.mk
PKG_CFLAGS := $(shell pkg-config --cflags $(SESIM_PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(SESIM_PKGS) 2>/dev/null || echo $(SESIM_LIBS_FALLBACK))

# Link-time optimisation: the per-tick path crosses many small modules (stream,
# account, bucket, window, fifo); inlining across them saves 15% of a full
# model's instructions (docs/performance.md). Same outputs, byte for byte.
OPT      ?= -O2 -g -flto=auto
CFLAGS   ?= $(OPT)
CFLAGS   += -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L $(SESIM_INC) $(PKG_CFLAGS)
DEPFLAGS  = -MMD -MP
LDLIBS   += $(PKG_LIBS) -lcsv -lm

LIB_OBJ    := $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRC)) $(BUILD)/sim/default_scenario.o
TEST_SRC   := $(wildcard tests/unit/*.c)
TEST_OBJ   := $(patsubst %.c,$(BUILD)/%.o,$(TEST_SRC))

.PHONY: validate all deps check check-install layers funclen unit e2e asan demo scenarios golden install uninstall clean help FORCE
all: $(BIN)

help:
	@echo "make            build ./sesim"
	@echo "make demo       install deps, build, run the default scenario"
	@echo "make check      install deps, build, run unit and end-to-end tests, test make install"
	@echo "make asan       the tests with -fsanitize=address,undefined,float-cast-overflow"
	@echo "make scenarios  every shipped scenario as one batch, with its report"
	@echo "make golden     rewrite the golden checksums (after a change meant to change outputs)"
	@echo "make bench      benchmarks (bench/README.md)"
	@echo "make install    PREFIX=$(PREFIX) DESTDIR=$(DESTDIR) (relocatable: README.md, Install)"
	@echo "make uninstall  the same PREFIX and DESTDIR: removes what install wrote"
	@echo "make clean"

$(BIN): $(LIB_OBJ) $(patsubst %.c,$(BUILD)/%.o,$(MAIN_SRC))
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# `make V=1` shows the full compiler lines.
Q := $(if $(V),,@)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

# The data folder compiled in as the last place to look (sim/io/datadir.h: first
# the source tree's scripts/, then ../share/sesim from the executable, so that an
# installed tree can move). Only datadir.o takes PREFIX; $(BUILD)/prefix changes
# when PREFIX does, so `make install PREFIX=...` after a build rebuilds it.
$(BUILD)/sim/io/datadir.o: CFLAGS += -DSESIM_DATADIR='"$(PREFIX)/share/sesim"'
$(BUILD)/sim/io/datadir.o: $(BUILD)/prefix
$(BUILD)/prefix: FORCE
	@mkdir -p $(dir $@)
	@echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' > $@

# The default scenario is compiled in, so `sesim run` needs no file.
$(BUILD)/sim/default_scenario.c: $(DEFAULT_SCENARIO) scripts/embed.sh
	@mkdir -p $(dir $@)
	$(Q)sh scripts/embed.sh scn_default_text $< > $@

$(BUILD)/sim/default_scenario.o: $(BUILD)/sim/default_scenario.c
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

# Missing Debian packages are installed when run as root, else named.
deps:
	@sh scripts/deps.sh

$(TESTBIN): $(LIB_OBJ) $(TEST_OBJ)
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcunit

unit: $(TESTBIN)
	./$(TESTBIN)

e2e: $(BIN)
	sh tests/e2e/run.sh ./$(BIN)

check: deps
	$(MAKE) $(BIN) $(TESTBIN)
	$(MAKE) layers funclen unit e2e check-install

# make install into temporary folders (PREFIX, DESTDIR), the installed tree
# moved and copied elsewhere and run there; then make uninstall (tests/install.sh).
check-install: $(BIN)
	@BUILD=$(BUILD) sh tests/install.sh

# The include rule of docs/design.md: each folder includes only layers below it.
layers:
	@sh tests/layers.sh

# The style rule: no production function over 45 lines in models/, 60 in sim/.
funclen:
	@sh tests/funclen.sh

# float-cast-overflow too: GCC's undefined leaves it out, and a double too large
# for the integer it is cast to (a count, a time) is undefined behaviour.
ASAN_FLAGS := -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all \
              -fno-omit-frame-pointer
asan: deps
	$(MAKE) BUILD=build-asan BIN=build-asan/sesim TESTBIN=build-asan/run_tests \
	    OPT="-O1 -g $(ASAN_FLAGS)" LDFLAGS="$(ASAN_FLAGS)" unit e2e

demo: deps
	$(MAKE) sesim
	./sesim run -o out
	./sesim report out -q
	@echo "outputs: $(CURDIR)/out (timeseries.csv, events.csv, summary.csv, scenario.ini)"
	@echo "report:  $(CURDIR)/out/report/index.html"

# The regression run before a release: every shipped scenario as one batch.
scenarios: deps
	$(MAKE) $(BIN)
	./$(BIN) batch scenarios -o out/scenarios
	./$(BIN) report out/scenarios

golden: $(BIN)
	sh tests/golden/update.sh ./$(BIN)

# What `make install` writes under $(DESTDIR)$(PREFIX), and `make uninstall`
# removes (the same lists: uninstall from the tree that installed):
#   bin/sesim, share/man/man1/sesim.1, share/sesim/*.gp (the report's gnuplot
#   scripts), share/sesim/scenarios/*.ini and scenarios/data/* (what replay.ini
#   and ses-export.ini replay). The tree may be moved or copied as a whole.
INSTALL_DIR  = $(DESTDIR)$(PREFIX)
SHARE_DIR    = $(INSTALL_DIR)/share/sesim
INSTALL_GP   := $(wildcard scripts/*.gp)
INSTALL_SCN  := $(wildcard scenarios/*.ini)
INSTALL_DATA := $(wildcard scenarios/data/*)
install: $(BIN)
	install -d $(INSTALL_DIR)/bin $(INSTALL_DIR)/share/man/man1 $(SHARE_DIR)/scenarios/data
	install -m 755 $(BIN) $(INSTALL_DIR)/bin/sesim
	install -m 644 docs/sesim.1 $(INSTALL_DIR)/share/man/man1/sesim.1
	install -m 644 $(INSTALL_GP) $(SHARE_DIR)/
	install -m 644 $(INSTALL_SCN) $(SHARE_DIR)/scenarios/
	install -m 644 $(INSTALL_DATA) $(SHARE_DIR)/scenarios/data/

# Exactly the files install wrote, then sesim's own folders if left empty
# (bin/ and share/man/man1/ are shared with other programs: they stay).
uninstall:
	rm -f $(INSTALL_DIR)/bin/sesim $(INSTALL_DIR)/share/man/man1/sesim.1
	rm -f $(addprefix $(SHARE_DIR)/,$(notdir $(INSTALL_GP)))
	rm -f $(addprefix $(SHARE_DIR)/scenarios/,$(notdir $(INSTALL_SCN)))
	rm -f $(addprefix $(SHARE_DIR)/scenarios/data/,$(notdir $(INSTALL_DATA)))
	rmdir $(SHARE_DIR)/scenarios/data $(SHARE_DIR)/scenarios $(SHARE_DIR) 2>/dev/null || true

clean:
	rm -rf build build-asan sesim tests/unit/run_tests out tests/e2e/tmp

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# make bench: benchmarks (bench/README.md), built with release flags into their
# own folder (never a sanitizer or debug build); writes bench/results.csv.
# `make bench QUICK=1` is a short smoke run with small sizes.
BENCH_BUILD := bench/build
BENCH_OPT   := -O2 -g -DNDEBUG -flto=auto
.PHONY: bench
bench: deps
	@sh bench/deps.sh
	@$(MAKE) --no-print-directory BUILD=$(BENCH_BUILD) BIN=$(BENCH_BUILD)/sesim OPT="$(BENCH_OPT)" $(BENCH_BUILD)/sesim
	@$(MAKE) --no-print-directory -f bench/bench.mk BUILD=$(BENCH_BUILD) OPT="$(BENCH_OPT)"
	/usr/bin/python3 bench/run.py --build $(BENCH_BUILD) $(if $(filter-out 0,$(QUICK)),--quick)

# sim.tick = auto against the 1-minute tick as distributions (docs/performance.md):
# REPS replications of each at every shipped scenario that auto batches, a
# two-sample KS test per summary column at 1% after Bonferroni; minutes, so not
# part of make check (t_tick.sh runs a smaller fixed-seed version).
REPS ?= 1000
validate: $(BIN)
	python3 bench/validate_tick.py ./$(BIN) $(REPS) $(filter-out scenarios/client-rate.ini,$(wildcard scenarios/*.ini))

# make fuzz: each fuzz target of tests/fuzz (units, scenario, csvin, replay, json, cloudwatch) for
# FUZZ_SECONDS with libFuzzer (Debian's clang; tests/fuzz/README.md), from the
# seed corpus in tests/fuzz/corpus/; findings go to build/fuzz/artifacts/.
FUZZ_SECONDS ?= 60
.PHONY: fuzz bad
fuzz:
	@sh tests/fuzz/deps.sh
	@$(MAKE) --no-print-directory -f tests/fuzz/fuzz.mk run FUZZ_SECONDS=$(FUZZ_SECONDS)

# make bad: only the bad-input catalogue (tests/bad/, run by tests/e2e/t_bad.sh).
bad: $(BIN)
	@SESIM=./$(BIN) sh tests/e2e/t_bad.sh
