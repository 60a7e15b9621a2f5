# sesim: build, test, demo, install. `make help` lists the targets.
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
BUILD   ?= build

PKGS     := gsl inih
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lgsl -lgslcblas -lm -linih)

OPT      ?= -O2 -g
CFLAGS   ?= $(OPT)
CFLAGS   += -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -Isim -Imodels $(PKG_CFLAGS)
CFLAGS   += -DSESIM_DATADIR='"$(PREFIX)/share/sesim"'
DEPFLAGS  = -MMD -MP
LDLIBS   += $(PKG_LIBS) -lcsv -lm

SIM_SRC    := $(filter-out sim/main.c,$(wildcard sim/*.c))
MODEL_SRC  := $(wildcard models/*.c)
LIB_OBJ    := $(patsubst %.c,$(BUILD)/%.o,$(SIM_SRC) $(MODEL_SRC)) $(BUILD)/sim/default_scenario.o
TEST_SRC   := $(wildcard tests/unit/*.c)
TEST_OBJ   := $(patsubst %.c,$(BUILD)/%.o,$(TEST_SRC))

.PHONY: all deps check unit e2e asan demo install uninstall clean help
all: sesim

help:
	@echo "make            build ./sesim"
	@echo "make demo       install deps, build, run the default scenario"
	@echo "make check      install deps, build, run unit and end-to-end tests"
	@echo "make asan       the tests with -fsanitize=address,undefined"
	@echo "make install    PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)"
	@echo "make clean"

sesim: $(LIB_OBJ) $(BUILD)/sim/main.o
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# `make V=1` shows the full compiler lines.
Q := $(if $(V),,@)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

# The default scenario is compiled in, so `sesim run` needs no file.
$(BUILD)/sim/default_scenario.c: scenarios/default.ini scripts/embed.sh
	@mkdir -p $(dir $@)
	$(Q)sh scripts/embed.sh scn_default_text $< > $@

$(BUILD)/sim/default_scenario.o: $(BUILD)/sim/default_scenario.c
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

# Missing Debian packages are installed when run as root, else named.
deps:
	@sh scripts/deps.sh

tests/unit/run_tests: $(LIB_OBJ) $(TEST_OBJ)
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcunit

unit: tests/unit/run_tests
	./tests/unit/run_tests

e2e: sesim
	sh tests/e2e/run.sh ./sesim

check: deps
	$(MAKE) sesim tests/unit/run_tests
	$(MAKE) unit e2e

asan: deps
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer" \
	    LDFLAGS="-fsanitize=address,undefined" UBSAN_OPTIONS=halt_on_error=1 \
	    ASAN_OPTIONS=detect_leaks=1 sesim tests/unit/run_tests unit e2e
	@rm -f sesim tests/unit/run_tests

demo: deps
	$(MAKE) sesim
	./sesim run -o out
	@echo "outputs: $(CURDIR)/out (timeseries.csv, events.csv, summary.csv, scenario.ini)"

install: sesim
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/sesim/scenarios
	install -m 755 sesim $(DESTDIR)$(PREFIX)/bin/sesim
	install -m 644 docs/sesim.1 $(DESTDIR)$(PREFIX)/share/man/man1/sesim.1
	install -m 644 scenarios/*.ini $(DESTDIR)$(PREFIX)/share/sesim/scenarios/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/sesim $(DESTDIR)$(PREFIX)/share/man/man1/sesim.1
	rm -rf $(DESTDIR)$(PREFIX)/share/sesim

clean:
	rm -rf build build-asan sesim tests/unit/run_tests out tests/e2e/tmp

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
