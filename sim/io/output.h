/* output.h: output files that appear whole or not at all.
 *
 * Each file is written under a temporary name in its folder and renamed when the
 * whole set is complete (out_commit_all), so a run that fails or is interrupted
 * leaves the previous complete outputs untouched and no partial file. SIGINT and
 * SIGTERM remove the temporary files of the files still open, then end the process. */
#ifndef SESIM_OUTPUT_H
#define SESIM_OUTPUT_H

#include <stdio.h>

#include "core/error.h"

typedef struct out_file {
    char *path; /* final name */
    char *tmp;  /* name while being written */
    FILE *f;
    char *buf;
} out_file;

/* Remove what a unit left half-written in dir: the hidden entries named
 * ".NAME.tmp-PID" (a folder written under a temporary name, renamed when
 * complete) of a worker that was interrupted or died. */
void out_remove_stale(const char *dir);

/* The whole file, NUL-terminated (at most max bytes are read), and its length
 * in *len when len is not NULL; NULL when it cannot be opened. */
char *out_read_file(const char *path, size_t max, size_t *len);

/* "dir/name", malloc'd. */
char *out_join(const char *dir, const char *name);

/* Create folder `dir` and its parents as needed. */
int out_mkdir_p(const char *dir, sim_err *err);

/* Open DIR/NAME for writing under a temporary name. */
int out_open(out_file *o, const char *dir, const char *name, sim_err *err);
/* Close every file, then rename them all; on any error remove them all. */
int out_commit_all(out_file *files, size_t n, sim_err *err);
/* Close and remove without renaming (failure paths). */
void out_abort_all(out_file *files, size_t n);

/* Write a CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line end. */
void out_csv_field(FILE *f, const char *s);

/* Append the whole content of file `path` to f. */
int out_append_file(FILE *f, const char *path, sim_err *err);
/* Remove a folder and everything in it (no error if it does not exist). */
void out_remove_tree(const char *path);

/* Install the SIGINT/SIGTERM handler that removes open temporary files. */
void out_install_signal_cleanup(void);

#endif
