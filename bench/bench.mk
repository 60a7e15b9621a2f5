# bench/bench.mk: the benchmark drivers, built with release flags against the
# release objects that `make bench` builds into $(BUILD) (bench/build by
# default) with the project's own Makefile. Run through `make bench`.
BUILD ?= bench/build
OPT   ?= -O2 -g -DNDEBUG -flto=auto
CC    ?= cc
PKGS  := gsl inih
BENCH_CFLAGS := $(OPT) -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -Isim -Imodels \
                $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
BENCH_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lgsl -lgslcblas -lm -linih) -lcsv -lm

# Every object of the program but main: what inproc links (run_scenario).
LIB_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(filter-out sim/main.c,$(wildcard sim/*.c)) \
           $(wildcard models/*.c)) $(BUILD)/sim/default_scenario.o
ENGINE_OBJ := $(BUILD)/sim/engine.o $(BUILD)/sim/heap.o $(BUILD)/sim/error.o $(BUILD)/sim/rng.o

all: $(BUILD)/hold $(BUILD)/inproc $(BUILD)/gencsv

$(BUILD)/hold: bench/hold.c $(ENGINE_OBJ) sim/engine.h sim/heap.h sim/rng.h
	$(CC) $(BENCH_CFLAGS) -o $@ bench/hold.c $(ENGINE_OBJ) $(BENCH_LIBS)

$(BUILD)/inproc: bench/inproc.c $(LIB_OBJ)
	$(CC) $(BENCH_CFLAGS) -o $@ bench/inproc.c $(LIB_OBJ) $(BENCH_LIBS)

$(BUILD)/gencsv: bench/gencsv.c
	$(CC) $(BENCH_CFLAGS) -o $@ bench/gencsv.c

.PHONY: all
