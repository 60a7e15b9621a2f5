/* error.h: the one error convention of sesim (libuv style).
 *
 * Functions that can fail return an int: 0 on success or a negative SIM_E* code,
 * and fill a sim_err with one human line "FILE:LINE: what is wrong" (or
 * "ARGUMENT: what is wrong" for command-line errors). main() prints it as
 * "sesim: <msg>" and maps the code to the exit status with sim_exit_code(). */
#ifndef SESIM_ERROR_H
#define SESIM_ERROR_H

#include <stddef.h>

enum {
    SIM_OK = 0,
    SIM_EINPUT = -1,   /* bad usage or bad input: exit 2 */
    SIM_ERUNTIME = -2, /* the run failed (I/O, out of memory): exit 1 */
    SIM_ENOMEM = -3,   /* out of memory: exit 1 */
    SIM_EINTERRUPTED = -4 /* SIGINT or SIGTERM: exit 130 */
};

typedef struct sim_err {
    int code;
    char msg[1024];
} sim_err;

/* Fill err with "file:line: message" (line <= 0 leaves the line out; file NULL
 * leaves the location out) and return code. */
int sim_errorf(sim_err *err, int code, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Make text safe to show on a terminal, in place: control characters (C0,
 * DEL, C1 such as U+009B), bytes that are not UTF-8, line separators and
 * bidirectional overrides each become one '?'. Returns how many were replaced.
 * sim_errorf applies it to every message, whatever it quotes. */
size_t sim_sanitize(char *text);

/* Print "sesim: " and the formatted line on stderr, sanitised (sim_sanitize):
 * for messages that are printed, not returned in a sim_err. */
void sim_eprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* An argument holding a control character (a line end, a tab) would break the
 * one-line error: refuse it as "WHERE: 'text' holds a control character ...",
 * control characters shown as '?'. Returns 0 or SIM_EINPUT. */
int sim_check_argument(const char *where, const char *text, sim_err *err);

/* Short name of a code, like strerror. */
const char *sim_strerror(int code);

/* Process exit status for a code: 0, 1 or 2. */
int sim_exit_code(int code);

/* malloc/calloc/realloc that never return NULL: out of memory prints one line and exits 1.
 * Used for the program's own structures; sizes derived from user input are checked
 * against limits before they get here. */
void *sim_xmalloc(size_t n);
void *sim_xcalloc(size_t n, size_t size);
void *sim_xrealloc(void *p, size_t n);
char *sim_xstrdup(const char *s);
/* Report that n bytes could not be had and exit 1. */
_Noreturn void sim_oom(size_t n);

#endif
