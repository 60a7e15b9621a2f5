/* output.h: output folders that sesim owns, and files that appear whole or not
 * at all.
 *
 * Ownership: every folder sesim writes as an output (a run's, a sweep's, a
 * batch's, a report's) holds a mark, the file `.sesim`, whose first line says
 * what it holds ("sesim run"). sesim replaces or removes only what carries its
 * mark: a folder with the mark, or a file it writes in a folder with the mark.
 * Anything else in the way is refused as bad usage (exit 2), never removed.
 * The mark is also the folder's lock: while one sesim writes into a folder it
 * holds an exclusive lock on the mark, and a second one is refused.
 *
 * Temporaries: every file or folder sesim writes under a temporary name is
 * created new (O_EXCL, never through a symbolic link) as `.sesim-TAG-XXXXXX`
 * inside the folder it belongs to. Whoever holds a folder's lock owns the
 * temporaries in it: those left by a process that died are removed when the
 * next sesim claims the folder. Removing never follows a symbolic link.
 *
 * Files are written under a temporary name and renamed when the whole set is
 * complete (out_commit_all), so a run that fails or is interrupted leaves the
 * previous complete outputs untouched and no partial file. The handler of
 * out_install_signal_cleanup removes the temporary files still open. */
#ifndef SESIM_OUTPUT_H
#define SESIM_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/error.h"

/* The mark's name, and the prefix of every temporary name. */
#define OUT_MARK ".sesim"
#define OUT_TEMP_PREFIX ".sesim-"

typedef struct out_file {
    char *path; /* final name */
    char *tmp;  /* name while being written */
    FILE *f;
    char *buf;
} out_file;

/* A claimed output folder: its mark, open and locked (-1: none). */
typedef struct out_lock {
    int fd;
    char *dir;
    const char *kind;
    int fresh; /* the mark was made by this claim */
} out_lock;

/* Claim folder `dir` as an output of `kind` ("run", "sweep", "batch"):
 * create it (and its parents) if need be, then take its mark's lock. A folder
 * without the mark is claimed (and marked) only when none of the names in
 * `owned` (NULL-terminated: the files the command replaces) is in it. Refused
 * (SIM_EINPUT): an empty path, the root folder, a path that is not a folder,
 * a folder marked for another kind, a folder another sesim holds. The
 * temporaries left in it by earlier processes are removed. */
int out_claim(out_lock *lock, const char *dir, const char *kind, const char *const *owned,
              sim_err *err);
/* Enter folder `dir` to write into it (a report) without claiming it: when
 * it has a mark, take its lock (refused while another sesim holds it) and
 * remove its temporaries; when it has none, nothing is locked (lock->fd -1).
 * Refused: `dir` is a symbolic link inside a folder that has the mark (sesim
 * never made it, and does not write through it). */
int out_enter(out_lock *lock, const char *dir, sim_err *err);
/* Rewrite the mark: its kind line, then `extra` (lines, or "" for none). */
int out_mark_write(out_lock *lock, const char *extra, sim_err *err);
/* Release the lock. The mark stays, unless `wrote_nothing` and this claim
 * made it: then the folder is left as it was found. */
void out_unclaim(out_lock *lock, int wrote_nothing);

/* The mark of folder `dir` (the whole small file), or NULL when it has none
 * (or `dir` is a symbolic link). */
char *out_read_mark(const char *dir);

/* `path` may be replaced by an output of `kind`: it does not exist, or it is a
 * folder (not a symbolic link) marked for `kind` that no sesim holds.
 * Otherwise SIM_EINPUT with one line saying why. */
int out_check_replace(const char *path, const char *kind, sim_err *err);

/* Put folder `tmp` (complete) in the place of `final` in one step: the earlier
 * `final`, when there is one, must pass out_check_replace; it is moved aside,
 * then removed. On failure `final` is as it was. */
int out_swap_in(const char *tmp, const char *final, const char *kind, sim_err *err);

/* Create a new temporary folder ".sesim-TAG-XXXXXX" in `dir`; its path
 * (malloc'd), or NULL with err filled. */
char *out_temp_dir(const char *dir, const char *tag, sim_err *err);
/* Remove the temporaries (".sesim-*") in `dir`: call only while holding the
 * lock of the folder they belong to. */
void out_remove_temporaries(const char *dir);

/* The whole file, NUL-terminated (at most max bytes are read), and its length
 * in *len when len is not NULL; NULL when it cannot be opened. */
char *out_read_file(const char *path, size_t max, size_t *len);

/* FNV-1a, 64 bits: h (OUT_HASH_INIT to start) extended by n bytes. */
#define OUT_HASH_INIT 0xcbf29ce484222325ULL
uint64_t out_hash(uint64_t h, const void *bytes, size_t n);
/* The FNV-1a hash of a file's content; -1 when it cannot be read. */
int out_hash_file(const char *path, uint64_t *hash);

/* "dir/name", malloc'd. */
char *out_join(const char *dir, const char *name);

/* Create folder `dir` and its parents as needed. An empty path, or a path
 * through something that is not a folder, is SIM_EINPUT. */
int out_mkdir_p(const char *dir, sim_err *err);

/* Open DIR/NAME for writing under a new temporary name in DIR. */
int out_open(out_file *o, const char *dir, const char *name, sim_err *err);
/* Close every file, then put them all in place as one set: signals are held
 * meanwhile, and if any step fails the ones done are undone, so the folder
 * keeps the earlier set. */
int out_commit_all(out_file *files, size_t n, sim_err *err);
/* The same, and the files named in `drop` (NULL-terminated, names in the
 * folder of files[0]) that the new set does not have are removed with it. */
int out_commit_set(out_file *files, size_t n, const char *const *drop, sim_err *err);
/* Close and remove without renaming (failure paths). */
void out_abort_all(out_file *files, size_t n);

/* Write a CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line end. */
void out_csv_field(FILE *f, const char *s);

/* Append the whole content of file `path` to f. */
int out_append_file(FILE *f, const char *path, sim_err *err);
/* Remove a file, or a folder and everything in it, never following a
 * symbolic link (a link is removed, not what it points to); no error if it
 * does not exist. Only for what sesim made or checked it owns. */
void out_remove_tree(const char *path);

/* Install the handler of SIGINT, SIGTERM and SIGHUP (unless SIGHUP is
 * ignored, as under nohup) for the stages that do not catch interrupts
 * themselves: it removes the open temporary files, says "sesim: interrupted"
 * and exits 130. */
void out_install_signal_cleanup(void);

#endif
