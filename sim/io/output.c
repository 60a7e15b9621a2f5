/* output.c: output folders sesim owns (the mark, its lock), temporaries made
 * new and never through a symbolic link, sets of files put in place whole, and
 * the clean-up on signals. */
#define _DEFAULT_SOURCE /* flock */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/rng.h"
#include "output.h"

/* ---- signals ---- */

/* Temporary names still open, for the signal handler (which may only unlink). */
#define MAX_PENDING 64
static char *volatile pending[MAX_PENDING];

static void remember(char *tmp, int on)
{
    for (int i = 0; i < MAX_PENDING; i++) {
        if (on && !pending[i]) {
            pending[i] = tmp;
            return;
        }
        if (!on && pending[i] == tmp) {
            pending[i] = NULL;
            return;
        }
    }
}

static void on_signal(int sig)
{
    (void)sig;
    for (int i = 0; i < MAX_PENDING; i++)
        if (pending[i])
            unlink(pending[i]);
    static const char msg[] = "sesim: interrupted\n";
    ssize_t ignored = write(2, msg, sizeof msg - 1);
    (void)ignored;
    _exit(130);
}

void out_install_signal_cleanup(void)
{
    struct sigaction sa, hup;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    /* Under nohup SIGHUP is ignored on purpose: it stays so. */
    if (sigaction(SIGHUP, NULL, &hup) == 0 && hup.sa_handler != SIG_IGN)
        sigaction(SIGHUP, &sa, NULL);
    /* Over a file size limit (ulimit -f) the default is to die at once,
     * leaving part files behind; ignored, the write fails with EFBIG and the
     * run reports it and cleans up like any failed write (full disk). */
    signal(SIGXFSZ, SIG_IGN);
}

/* Hold SIGINT, SIGTERM and SIGHUP while a set of renames is made (on = 1), then
 * let them through (on = 0, with the mask `saved`). */
static void hold_signals(int on, sigset_t *saved)
{
    if (!on) {
        sigprocmask(SIG_SETMASK, saved, NULL);
        return;
    }
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, saved);
}

/* ---- paths and files ---- */

char *out_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = sim_xmalloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

char *out_read_file(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = sim_xmalloc(max + 1);
    size_t n = fread(text, 1, max, f);
    fclose(f);
    text[n] = 0;
    if (len)
        *len = n;
    return text;
}

uint64_t out_hash(uint64_t h, const void *bytes, size_t n)
{
    const unsigned char *b = bytes;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}

int out_hash_file(const char *path, uint64_t *hash)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char buf[1 << 16];
    uint64_t h = OUT_HASH_INIT;
    for (size_t n; (n = fread(buf, 1, sizeof buf, f)) > 0;)
        h = out_hash(h, buf, n);
    int bad = ferror(f);
    fclose(f);
    *hash = h;
    return bad ? -1 : 0;
}

/* The folder of path ("." when it has none), malloc'd. */
static char *parent_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return sim_xstrdup(".");
    if (slash == path)
        return sim_xstrdup("/");
    char *p = sim_xstrdup(path);
    p[slash - path] = 0;
    return p;
}

/* ENOTDIR and the like: the path itself is wrong (bad usage), not the disk. */
static int path_error(int e)
{
    return e == ENOTDIR || e == ENAMETOOLONG || e == ELOOP || e == EEXIST ? SIM_EINPUT : SIM_ERUNTIME;
}

int out_mkdir_p(const char *dir, sim_err *err)
{
    if (!*dir)
        return sim_errorf(err, SIM_EINPUT, NULL, 0, "the output folder is an empty path");
    struct stat st;
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0; /* the usual case, in one call */
    char *path = sim_xstrdup(dir);
    int rc = 0;
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p)
            continue;
        char c = *p;
        *p = 0;
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            rc = sim_errorf(err, path_error(errno), path, 0, "cannot create folder: %s", strerror(errno));
        else if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
            rc = sim_errorf(err, SIM_EINPUT, path, 0, "exists and is not a folder");
        *p = c;
        if (!c || rc)
            break;
    }
    free(path);
    return rc;
}

/* ---- temporaries ---- */

/* A fresh name ".sesim-TAG-XXXXXX": not guessable ahead (process, clock,
 * counter, mixed), though only O_EXCL makes it safe. */
static void temp_name(char *buf, size_t cap, const char *tag)
{
    static uint64_t counter;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t r = rng_mix64(((uint64_t)getpid() << 40) ^ ((uint64_t)ts.tv_sec << 30) ^
                           (uint64_t)ts.tv_nsec ^ rng_mix64(++counter));
    static const char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    char s[7];
    for (int i = 0; i < 6; i++, r /= 36)
        s[i] = chars[r % 36];
    s[6] = 0;
    snprintf(buf, cap, "%s%.40s-%s", OUT_TEMP_PREFIX, tag, s);
}

/* Create a new temporary in dir: a folder, or a file opened for writing (its
 * descriptor in *fd). The path (malloc'd), or NULL with err filled. */
static char *make_temp(const char *dir, const char *tag, int *fd, sim_err *err)
{
    for (int attempt = 0; attempt < 100; attempt++) {
        char name[80];
        temp_name(name, sizeof name, tag);
        char *path = out_join(dir, name);
        int ok = fd ? (*fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666)) >= 0
                    : mkdir(path, 0777) == 0;
        if (ok)
            return path;
        int e = errno;
        if (e != EEXIST) {
            sim_errorf(err, path_error(e), dir, 0, "cannot write in this folder: %s", strerror(e));
            free(path);
            return NULL;
        }
        free(path);
    }
    sim_errorf(err, SIM_ERUNTIME, dir, 0, "cannot make a temporary name");
    return NULL;
}

char *out_temp_dir(const char *dir, const char *tag, sim_err *err)
{
    return make_temp(dir, tag, NULL, err);
}

/* Remove `name` in folder dirfd and, for a folder, what is in it. Folders are
 * opened with O_NOFOLLOW, so a symbolic link is unlinked, never entered. */
static void remove_at(int dirfd, const char *name, int depth)
{
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        unlinkat(dirfd, name, 0);
        return;
    }
    DIR *d = depth < 32 ? fdopendir(fd) : NULL;
    if (!d) {
        close(fd);
        return;
    }
    for (struct dirent *e; (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            remove_at(fd, e->d_name, depth + 1);
    closedir(d);
    unlinkat(dirfd, name, AT_REMOVEDIR);
}

void out_remove_tree(const char *path)
{
    remove_at(AT_FDCWD, path, 0);
}

void out_remove_temporaries(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd < 0 ? NULL : fdopendir(fd);
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    for (struct dirent *e; (e = readdir(d));)
        if (!strncmp(e->d_name, OUT_TEMP_PREFIX, strlen(OUT_TEMP_PREFIX)))
            remove_at(fd, e->d_name, 0);
    closedir(d);
}

/* ---- the mark ---- */


static int not_ours(sim_err *err, const char *path)
{
    return sim_errorf(err, SIM_EINPUT, path, 0,
                      "exists and was not written by sesim (it has no %s mark): move it away or "
                      "choose another output folder", OUT_MARK);
}

static int busy(sim_err *err, const char *dir)
{
    return sim_errorf(err, SIM_EINPUT, dir, 0,
                      "another sesim is using this folder: wait for it to end, or choose another "
                      "output folder");
}

/* The mark's first line names `kind`. */
static int mark_is(const char *text, const char *kind)
{
    size_t n = strlen(kind);
    return !strncmp(text, "sesim ", 6) && !strncmp(text + 6, kind, n) && text[6 + n] == '\n';
}

/* What kind a mark names ("run"), into buf; "" when it is not a mark. */
static void mark_kind(const char *text, char *buf, size_t cap)
{
    buf[0] = 0;
    if (strncmp(text, "sesim ", 6))
        return;
    size_t n = strcspn(text + 6, "\n");
    if (text[6 + n] == '\n' && n < cap)
        snprintf(buf, cap, "%.*s", (int)n, text + 6);
}

/* The whole mark (at most the size of a scenario file: one line per data file). */
static char *read_fd(int fd)
{
    struct stat st;
    size_t max = fstat(fd, &st) == 0 && st.st_size > 0 ? (size_t)st.st_size : 0;
    if (max > SCN_MAX_FILE_BYTES)
        max = SCN_MAX_FILE_BYTES;
    char *text = sim_xmalloc(max + 1);
    ssize_t n = max ? pread(fd, text, max, 0) : 0;
    text[n > 0 ? n : 0] = 0;
    return text;
}

char *out_read_mark(const char *dir)
{
    char *path = out_join(dir, OUT_MARK);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    free(path);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    char *text = read_fd(fd);
    close(fd);
    return text;
}

/* None of the names in `owned` is in dir (the folder has no mark yet). */
static int check_unowned(const char *dir, const char *const *owned, sim_err *err)
{
    for (size_t i = 0; owned && owned[i]; i++) {
        char *path = out_join(dir, owned[i]);
        struct stat st;
        int there = lstat(path, &st) == 0;
        int rc = there ? sim_errorf(err, SIM_EINPUT, path, 0,
                                    "exists and was not written by sesim (its folder has no %s "
                                    "mark): move it away or choose another output folder", OUT_MARK)
                       : 0;
        free(path);
        if (rc)
            return rc;
    }
    return 0;
}

/* Open (creating it when the folder may be claimed) and lock dir's mark. */
static int open_mark(const char *dir, const char *const *owned, int *fd, int *fresh, sim_err *err)
{
    char *path = out_join(dir, OUT_MARK);
    int rc = 0;
    *fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    if (*fd < 0 && errno == ENOENT && !(rc = check_unowned(dir, owned, err))) {
        *fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        *fresh = *fd >= 0;
        if (*fd < 0 && errno == EEXIST) /* made meanwhile by another sesim */
            *fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    }
    struct stat st;
    if (!rc && *fd < 0)
        rc = errno == ELOOP ? sim_errorf(err, SIM_EINPUT, path, 0, "is a symbolic link, not a mark sesim wrote")
                            : sim_errorf(err, SIM_ERUNTIME, path, 0, "cannot write: %s", strerror(errno));
    else if (!rc && (fstat(*fd, &st) != 0 || !S_ISREG(st.st_mode)))
        rc = sim_errorf(err, SIM_EINPUT, path, 0, "is not a mark sesim wrote (not a file)");
    /* A file system without locks (ENOLCK, EOPNOTSUPP) goes on unlocked. */
    else if (!rc && flock(*fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
        rc = busy(err, dir);
        *fresh = 0; /* made here, but the sesim that holds it now has it */
    }
    free(path);
    if (rc && *fd >= 0) {
        close(*fd);
        *fd = -1;
    }
    return rc;
}

/* Check the mark's kind; an empty mark (a claim that died before writing it)
 * is written now, after the same check as a folder without one. */
static int check_kind(out_lock *l, const char *const *owned, sim_err *err)
{
    char *text = read_fd(l->fd);
    char have[32];
    int rc = 0;
    mark_kind(text, have, sizeof have);
    if (!text[0]) {
        rc = check_unowned(l->dir, owned, err);
        if (!rc)
            rc = out_mark_write(l, "", err);
    } else if (!have[0]) {
        char *path = out_join(l->dir, OUT_MARK);
        rc = sim_errorf(err, SIM_EINPUT, path, 0, "is not a mark sesim wrote: choose another output folder");
        free(path);
    } else if (strcmp(have, l->kind)) {
        rc = sim_errorf(err, SIM_EINPUT, l->dir, 0, "holds a sesim %s, not a %s: choose another output folder",
                        have, l->kind);
    }
    free(text);
    return rc;
}

int out_claim(out_lock *l, const char *dir, const char *kind, const char *const *owned, sim_err *err)
{
    *l = (out_lock){.fd = -1, .kind = kind};
    int rc = out_mkdir_p(dir, err);
    /* after mkdir: "new/.." is the root too once "new" exists */
    char *real = rc ? NULL : realpath(dir, NULL);
    if (real && !strcmp(real, "/"))
        rc = sim_errorf(err, SIM_EINPUT, dir, 0, "is the root folder: choose an output folder of its own");
    free(real);
    if (!rc)
        l->dir = sim_xstrdup(dir);
    if (!rc)
        rc = open_mark(dir, owned, &l->fd, &l->fresh, err);
    if (!rc)
        rc = check_kind(l, owned, err);
    if (rc) {
        out_unclaim(l, 1);
        return rc;
    }
    out_remove_temporaries(dir);
    return 0;
}

int out_mark_write(out_lock *l, const char *extra, sim_err *err)
{
    size_t n = strlen(l->kind) + strlen(extra) + 8;
    char *text = sim_xmalloc(n);
    snprintf(text, n, "sesim %s\n%s", l->kind, extra);
    size_t len = strlen(text);
    int rc = 0;
    if (pwrite(l->fd, text, len, 0) != (ssize_t)len || ftruncate(l->fd, (off_t)len) != 0) {
        char *path = out_join(l->dir, OUT_MARK);
        rc = sim_errorf(err, SIM_ERUNTIME, path, 0, "write failed: %s", strerror(errno));
        free(path);
        /* at least the kind line, without what the run was made of */
        size_t kind_len = 7 + strlen(l->kind);
        if (pwrite(l->fd, text, kind_len, 0) == (ssize_t)kind_len && ftruncate(l->fd, (off_t)kind_len)) {
        }
    }
    free(text);
    return rc;
}

void out_unclaim(out_lock *l, int wrote_nothing)
{
    if (l->fd >= 0 && l->fresh && wrote_nothing) {
        char *path = out_join(l->dir, OUT_MARK);
        unlink(path);
        free(path);
    }
    if (l->fd >= 0)
        close(l->fd);
    free(l->dir);
    *l = (out_lock){.fd = -1};
}

int out_enter(out_lock *l, const char *dir, sim_err *err)
{
    *l = (out_lock){.fd = -1};
    struct stat st;
    char *parent = parent_of(dir), *above = out_read_mark(parent);
    int link_in_owned = above && lstat(dir, &st) == 0 && S_ISLNK(st.st_mode);
    free(parent);
    free(above);
    if (link_in_owned)
        return sim_errorf(err, SIM_EINPUT, dir, 0,
                          "is a symbolic link inside a folder sesim wrote: sesim did not make it and "
                          "does not write through it");
    char *path = out_join(dir, OUT_MARK);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    free(path);
    if (fd < 0)
        return 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return 0;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
        close(fd);
        return busy(err, dir);
    }
    l->fd = fd;
    l->dir = sim_xstrdup(dir);
    out_remove_temporaries(dir);
    return 0;
}

/* Lock the mark of folder `path` (kind `kind`) for as long as *fd is open. */
static int lock_owned(const char *path, const char *kind, int *fd, sim_err *err)
{
    char *mark = out_join(path, OUT_MARK);
    *fd = open(mark, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    free(mark);
    struct stat st;
    int rc = 0;
    if (*fd < 0 || fstat(*fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = not_ours(err, path);
    } else {
        char *text = read_fd(*fd);
        if (!mark_is(text, kind))
            rc = not_ours(err, path);
        else if (flock(*fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK)
            rc = busy(err, path);
        free(text);
    }
    if (rc && *fd >= 0) {
        close(*fd);
        *fd = -1;
    }
    return rc;
}

int out_check_replace(const char *path, const char *kind, sim_err *err)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : sim_errorf(err, SIM_ERUNTIME, path, 0, "%s", strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return not_ours(err, path);
    int fd;
    int rc = lock_owned(path, kind, &fd, err);
    if (fd >= 0)
        close(fd);
    return rc;
}

int out_swap_in(const char *tmp, const char *final, const char *kind, sim_err *err)
{
    struct stat st;
    int fd = -1, rc = 0;
    char *aside = NULL;
    if (lstat(final, &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            return not_ours(err, final);
        if ((rc = lock_owned(final, kind, &fd, err)))
            return rc;
        char *parent = parent_of(final);
        aside = out_temp_dir(parent, "old", err); /* renamed over: an empty folder is replaced */
        free(parent);
        if (!aside) {
            close(fd);
            return SIM_ERUNTIME;
        }
    }
    sigset_t saved;
    hold_signals(1, &saved);
    if (aside && rename(final, aside) != 0)
        rc = sim_errorf(err, SIM_ERUNTIME, final, 0, "cannot replace: %s", strerror(errno));
    if (!rc && rename(tmp, final) != 0) {
        rc = sim_errorf(err, SIM_ERUNTIME, final, 0, "cannot rename into place: %s", strerror(errno));
        if (aside)
            rename(aside, final);
    }
    hold_signals(0, &saved);
    if (aside)
        out_remove_tree(aside);
    if (fd >= 0)
        close(fd);
    free(aside);
    return rc;
}

/* ---- files written whole ---- */

int out_open(out_file *o, const char *dir, const char *name, sim_err *err)
{
    int fd = -1;
    o->tmp = make_temp(dir, name, &fd, err);
    if (!o->tmp)
        return err->code;
    o->path = out_join(dir, name);
    o->f = fdopen(fd, "w");
    if (!o->f)
        sim_oom(0);
    o->buf = sim_xmalloc(OUT_BUFFER_BYTES);
    setvbuf(o->f, o->buf, _IOFBF, OUT_BUFFER_BYTES);
    remember(o->tmp, 1);
    return 0;
}

static void release(out_file *o)
{
    remember(o->tmp, 0);
    free(o->path);
    free(o->tmp);
    free(o->buf);
    o->path = o->tmp = o->buf = NULL;
    o->f = NULL;
}

void out_abort_all(out_file *files, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!files[i].tmp)
            continue;
        if (files[i].f)
            fclose(files[i].f);
        unlink(files[i].tmp);
        release(&files[i]);
    }
}

static int close_all(out_file *files, size_t n, sim_err *err)
{
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        out_file *o = &files[i];
        int bad = ferror(o->f) || fflush(o->f) != 0;
        int saved = errno;
        if (fclose(o->f) != 0 && !bad) {
            bad = 1;
            saved = errno;
        }
        o->f = NULL;
        if (bad && !rc)
            rc = sim_errorf(err, SIM_ERUNTIME, o->path, 0, "write failed: %s",
                            saved ? strerror(saved) : "I/O error");
    }
    return rc;
}

/* One name of a set being replaced: its final path, and where its earlier
 * file is kept meanwhile (NULL: there was none). */
typedef struct swap {
    const char *final;
    char *kept;
    int moved;  /* kept by a rename: `final` is gone until the new one comes */
    int placed; /* the new file is in place */
} swap;

/* Keep the earlier file at `final` under a temporary name: a hard link, so
 * that `final` stays there until the new file replaces it in one rename (a
 * rename where the file system has no hard links, or when `move`). */
static int keep_earlier(const char *dir, swap *s, int move, sim_err *err)
{
    struct stat st;
    if (lstat(s->final, &st) != 0)
        return 0;
    for (int attempt = 0; attempt < 100; attempt++) {
        char name[80];
        temp_name(name, sizeof name, "old");
        char *kept = out_join(dir, name);
        int ok = !move && link(s->final, kept) == 0;
        if (!ok && !move && errno != EEXIST)
            move = 1; /* no hard links here (or a folder): move it instead */
        if (!ok && move && lstat(kept, &st) != 0)
            ok = rename(s->final, kept) == 0;
        else if (!ok && move)
            errno = EEXIST;
        if (ok) {
            s->kept = kept;
            s->moved = move;
            return 0;
        }
        int e = errno;
        free(kept);
        if (e != EEXIST)
            return sim_errorf(err, SIM_ERUNTIME, s->final, 0, "cannot replace: %s", strerror(e));
    }
    return sim_errorf(err, SIM_ERUNTIME, s->final, 0, "cannot replace: no temporary name is free");
}

/* Undo: the new files out, the earlier ones back. */
static void undo(swap *s, size_t n)
{
    for (size_t i = n; i-- > 0;) {
        if (s[i].kept && (s[i].placed || s[i].moved))
            rename(s[i].kept, s[i].final);
        else if (s[i].kept)
            unlink(s[i].kept); /* a second link: `final` is still the earlier file */
        else if (s[i].placed)
            unlink(s[i].final);
    }
}

/* Put files[] in place, then take the `drop` names away; on failure undo it
 * all. Returns the swaps made (n_swaps of them) for the caller to finish. */
static int place_all(out_file *files, size_t n, char **dropped, const char *dir, swap *s,
                     size_t *n_swaps, sim_err *err)
{
    int rc = 0;
    size_t k = 0;
    for (size_t i = 0; i < n && !rc; i++, k++) {
        s[k].final = files[i].path;
        if (!(rc = keep_earlier(dir, &s[k], 0, err)) && rename(files[i].tmp, files[i].path) != 0)
            rc = sim_errorf(err, SIM_ERUNTIME, files[i].path, 0, "cannot rename into place: %s",
                            strerror(errno));
        s[k].placed = !rc;
    }
    for (size_t j = 0; dropped[j] && !rc; j++, k++) {
        s[k].final = dropped[j];
        rc = keep_earlier(dir, &s[k], 1, err);
    }
    if (rc)
        undo(s, k);
    *n_swaps = k;
    return rc;
}

int out_commit_set(out_file *files, size_t n, const char *const *drop, sim_err *err)
{
    int rc = close_all(files, n, err);
    size_t n_drop = 0;
    while (drop && drop[n_drop])
        n_drop++;
    char *dir = parent_of(n ? files[0].path : ".");
    char **dropped = sim_xcalloc(n_drop + 1, sizeof *dropped);
    for (size_t j = 0; j < n_drop; j++)
        dropped[j] = out_join(dir, drop[j]);
    swap *s = sim_xcalloc(n + n_drop + 1, sizeof *s);
    size_t k = 0;
    sigset_t saved;
    hold_signals(1, &saved);
    if (!rc)
        rc = place_all(files, n, dropped, dir, s, &k, err);
    for (size_t i = 0; i < k; i++) {
        if (!rc && s[i].kept)
            out_remove_tree(s[i].kept);
        free(s[i].kept);
    }
    hold_signals(0, &saved); /* after the clean-up: a signal held meanwhile ends the process */
    for (size_t j = 0; j < n_drop; j++)
        free(dropped[j]);
    free(dropped);
    free(s);
    free(dir);
    if (rc) {
        out_abort_all(files, n);
        return rc;
    }
    for (size_t i = 0; i < n; i++)
        release(&files[i]);
    return 0;
}

int out_commit_all(out_file *files, size_t n, sim_err *err)
{
    return out_commit_set(files, n, NULL, err);
}

int out_append_file(FILE *f, const char *path, sim_err *err)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return sim_errorf(err, SIM_ERUNTIME, path, 0, "cannot read: %s", strerror(errno));
    char buf[1 << 16];
    size_t n;
    int saved = 0; /* errno of the failed write: full disk, file size limit */
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, f) != n) {
            saved = errno;
            break;
        }
    int bad_read = ferror(in), bad_write = ferror(f);
    fclose(in);
    if (bad_read)
        return sim_errorf(err, SIM_ERUNTIME, path, 0, "cannot read: %s", strerror(errno));
    if (bad_write)
        return sim_errorf(err, SIM_ERUNTIME, path, 0, "copying into the output failed: %s",
                          saved ? strerror(saved) : "I/O error");
    return 0;
}

void out_csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}
