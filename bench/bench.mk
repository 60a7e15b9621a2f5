# bench/bench.mk: the benchmark drivers, built with release flags against the
# release objects that `make bench` builds into $(BUILD) (bench/build by
# default) with the project's own Makefile. Run through `make bench`.
BUILD ?= bench/build
OPT   ?= -O2 -g -DNDEBUG -flto=auto
CC    ?= cc
include sources.mk
BENCH_CFLAGS := $(OPT) -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L $(SESIM_INC) \
                $(shell pkg-config --cflags $(SESIM_PKGS) 2>/dev/null)
BENCH_LIBS   := $(shell pkg-config --libs $(SESIM_PKGS) 2>/dev/null || echo $(SESIM_LIBS_FALLBACK)) -lcsv -lm

# Every object of the program but main: what inproc links (run_scenario).
LIB_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRC)) $(BUILD)/sim/default_scenario.o
ENGINE_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(ENGINE_SRC))

all: $(BUILD)/hold $(BUILD)/mm1 $(BUILD)/inproc $(BUILD)/gencsv

$(BUILD)/hold: bench/hold.c $(ENGINE_OBJ) $(HEADERS)
	$(CC) $(BENCH_CFLAGS) -o $@ bench/hold.c $(ENGINE_OBJ) $(BENCH_LIBS)

$(BUILD)/mm1: bench/mm1.c $(ENGINE_OBJ) $(HEADERS)
	$(CC) $(BENCH_CFLAGS) -o $@ bench/mm1.c $(ENGINE_OBJ) $(BENCH_LIBS)

$(BUILD)/inproc: bench/inproc.c $(LIB_OBJ)
	$(CC) $(BENCH_CFLAGS) -o $@ bench/inproc.c $(LIB_OBJ) $(BENCH_LIBS)

$(BUILD)/gencsv: bench/gencsv.c
	$(CC) $(BENCH_CFLAGS) -o $@ bench/gencsv.c

.PHONY: all
