/* datadir.c: finding sesim's data files relative to the executable (datadir.h).
 * Only this file takes SESIM_DATADIR, so that the Makefile rebuilds one object
 * when PREFIX changes. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "datadir.h"
#include "output.h"

#ifndef SESIM_DATADIR
#define SESIM_DATADIR "/usr/local/share/sesim"
#endif

/* Is `marker` readable in dir? If not, dir is added to the list looked in. */
static int holds(const char *dir, const char *marker, char *looked, size_t cap)
{
    char *p = out_join(dir, marker);
    int ok = access(p, R_OK) == 0;
    free(p);
    size_t used = strlen(looked);
    if (!ok && used < cap)
        snprintf(looked + used, cap - used, "%s%s", used ? ", " : "", dir);
    return ok;
}

/* Cut path at its last '/': "/a/b" -> "/a", "/a" -> "/" (path has a '/'). */
static void cut_last(char *path)
{
    char *slash = strrchr(path, '/');
    if (slash == path)
        slash[1] = 0;
    else if (slash)
        *slash = 0;
}

/* The executable's candidate folders, in order, into dirs[] (malloc'd); their count. */
static size_t beside_executable(const char *source, char *dirs[3])
{
    char bin[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", bin, sizeof bin - 1);
    if (n <= 0 || bin[0] != '/')
        return 0;
    bin[n] = 0;
    cut_last(bin);
    char parent[PATH_MAX];
    memcpy(parent, bin, strlen(bin) + 1);
    cut_last(parent);
    dirs[0] = out_join(bin, source);
    dirs[1] = out_join(parent, source);
    dirs[2] = out_join(parent, "share/sesim");
    return 3;
}

char *datadir_find(const char *source, const char *marker, char *looked, size_t cap)
{
    char *dirs[3], *found = NULL;
    looked[0] = 0;
    size_t n = beside_executable(source, dirs);
    for (size_t i = 0; i < n; i++) {
        if (!found && holds(dirs[i], marker, looked, cap))
            found = dirs[i];
        else
            free(dirs[i]);
    }
    if (!found && holds(SESIM_DATADIR, marker, looked, cap))
        found = sim_xstrdup(SESIM_DATADIR);
    return found;
}
