/* datadir.h: where sesim's data files are (the gnuplot scripts of reports), so
 * that a binary run from its source tree uses the tree's files and an installed
 * tree works wherever it is copied or moved.
 *
 * The folder holding `marker` is looked for, the first found wins:
 *   1. BIN/SOURCE, then PARENT/SOURCE   the source tree (./sesim, build-asan/sesim)
 *   2. PARENT/share/sesim               an installed tree (PREFIX/bin/sesim)
 *   3. SESIM_DATADIR                    compiled in: PREFIX/share/sesim of the build
 * BIN is the folder of the running executable (/proc/self/exe, with symbolic
 * links resolved: a link in ~/bin to an installed sesim finds its tree) and
 * PARENT the folder above it. */
#ifndef SESIM_DATADIR_H
#define SESIM_DATADIR_H

#include <stddef.h>

/* The folder (malloc'd), or NULL with the folders looked in, separated by ", ",
 * in looked[cap] (cut short if need be). */
char *datadir_find(const char *source, const char *marker, char *looked, size_t cap);

#endif
