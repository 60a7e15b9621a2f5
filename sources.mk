# sources.mk: the one list of sesim's sources and include flags, read by the
# Makefile, bench/bench.mk and tests/fuzz/fuzz.mk. Folders are layers, listed
# from the bottom up (docs/design.md, "Layout"); tests/layers.sh checks that
# each includes only the layers below it.
SESIM_LAYERS := sim/core models sim/scenario sim/io sim/run sim/study sim/report sim/cli
SESIM_INC    := -Isim -I.
SESIM_PKGS   := gsl inih jansson
SESIM_LIBS_FALLBACK := -lgsl -lgslcblas -lm -linih -ljansson

# Every source of the program but its main(): what the tests, the bench drivers
# and the fuzz targets link against.
LIB_SRC    := $(foreach d,$(filter-out sim/cli,$(SESIM_LAYERS)),$(sort $(wildcard $(d)/*.c)))
MAIN_SRC   := sim/cli/main.c
# The bare engine (the hold-model benchmark links only this).
ENGINE_SRC := sim/core/engine.c sim/core/heap.c sim/core/error.c sim/core/rng.c
HEADERS    := $(foreach d,$(SESIM_LAYERS),$(wildcard $(d)/*.h))
# The built-in default scenario is compiled in, generated from this file.
DEFAULT_SCENARIO := scenarios/default.ini
