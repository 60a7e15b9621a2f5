/* output.c: temporary-then-rename output files and their clean-up on signals. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config.h"
#include "output.h"

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
    for (int i = 0; i < MAX_PENDING; i++)
        if (pending[i])
            unlink(pending[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

void out_install_signal_cleanup(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* Over a file size limit (ulimit -f) the default is to die at once,
     * leaving part files behind; ignored, the write fails with EFBIG and the
     * run reports it and cleans up like any failed write (full disk). */
    signal(SIGXFSZ, SIG_IGN);
}

void out_remove_stale(const char *dir)
{
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));) {
        if (e->d_name[0] != '.' || !strstr(e->d_name, ".tmp-"))
            continue;
        char *path = out_join(dir, e->d_name);
        out_remove_tree(path);
        free(path);
    }
    if (d)
        closedir(d);
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

char *out_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = sim_xmalloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

int out_mkdir_p(const char *dir, sim_err *err)
{
    char *path = sim_xstrdup(dir);
    int rc = 0;
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p)
            continue;
        char c = *p;
        *p = 0;
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            rc = sim_errorf(err, SIM_ERUNTIME, path, 0, "cannot create folder: %s", strerror(errno));
            break;
        }
        *p = c;
        if (!c)
            break;
    }
    struct stat st;
    if (!rc && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)))
        rc = sim_errorf(err, SIM_ERUNTIME, dir, 0, "not a folder");
    free(path);
    return rc;
}

static char *join(const char *dir, const char *prefix, const char *name, const char *suffix)
{
    size_t n = strlen(dir) + strlen(prefix) + strlen(name) + strlen(suffix) + 2;
    char *s = sim_xmalloc(n);
    snprintf(s, n, "%s/%s%s%s", dir, prefix, name, suffix);
    return s;
}

int out_open(out_file *o, const char *dir, const char *name, sim_err *err)
{
    char suffix[32];
    snprintf(suffix, sizeof suffix, ".tmp%ld", (long)getpid());
    o->path = join(dir, "", name, "");
    o->tmp = join(dir, ".", name, suffix);
    o->f = fopen(o->tmp, "w");
    if (!o->f) {
        int rc = sim_errorf(err, SIM_ERUNTIME, o->path, 0, "cannot write: %s", strerror(errno));
        free(o->path);
        free(o->tmp);
        o->path = o->tmp = NULL;
        return rc;
    }
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

int out_commit_all(out_file *files, size_t n, sim_err *err)
{
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        out_file *o = &files[i];
        int bad = ferror(o->f) || fflush(o->f) != 0;
        int saved = errno;
        if (fclose(o->f) != 0 && !bad) {
            bad = 1;
            saved = errno;
        }
        o->f = NULL;
        if (bad)
            rc = sim_errorf(err, SIM_ERUNTIME, o->path, 0, "write failed: %s",
                            saved ? strerror(saved) : "I/O error");
    }
    for (size_t i = 0; i < n && !rc; i++)
        if (rename(files[i].tmp, files[i].path) != 0)
            rc = sim_errorf(err, SIM_ERUNTIME, files[i].path, 0, "cannot rename into place: %s",
                            strerror(errno));
    if (rc) {
        out_abort_all(files, n);
        return rc;
    }
    for (size_t i = 0; i < n; i++)
        release(&files[i]);
    return 0;
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

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

void out_remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
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
