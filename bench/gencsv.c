/* gencsv.c: write a send log for the CSV replay benchmark.
 *
 *   gencsv FILE ROWS STEP_SECONDS
 *
 * Header time,account,messages,stream, then ROWS rows one every STEP_SECONDS
 * from 2026-01-05T00:00:00Z, account "main", stream "replay", 1 to 200 messages
 * (a fixed pseudo-random sequence: the same arguments give the same file). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: gencsv FILE ROWS STEP_SECONDS\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "w");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    static char buf[1 << 20];
    setvbuf(f, buf, _IOFBF, sizeof buf);
    long long rows = atoll(argv[2]);
    long long step = atoll(argv[3]);
    time_t start = 1767571200; /* 2026-01-05T00:00:00Z */
    uint64_t x = 88172645463325252ULL;
    fputs("time,account,messages,stream\n", f);
    time_t day = -1;
    char date[16] = "";
    for (long long i = 0; i < rows; i++) {
        time_t t = start + (time_t)(i * step);
        if (t / 86400 != day) { /* gmtime once a day; the clock part is arithmetic */
            day = t / 86400;
            time_t d0 = day * 86400;
            struct tm tm;
            gmtime_r(&d0, &tm);
            strftime(date, sizeof date, "%Y-%m-%d", &tm);
        }
        long s = (long)(t % 86400);
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        fprintf(f, "%sT%02ld:%02ld:%02ldZ,main,%d,replay\n", date, s / 3600, s / 60 % 60, s % 60,
                (int)(x % 200) + 1);
    }
    if (fclose(f) != 0) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}
