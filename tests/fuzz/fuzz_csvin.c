/* fuzz_csvin.c: the streaming CSV reader (sim/csvin.c) and its helpers.
 *
 * The input is a CSV file. Its rows are read to the end or the first error;
 * the first row is mapped onto the replay columns (csvin_columns), every row
 * checked against the header's width and every field tried as a count and as
 * a time, as the replay kinds do. Rows must be well formed (n >= 1, fields
 * NUL-terminated at their length, no field over CSVIN_MAX_FIELD), lines must
 * only grow, and errors must be one line "PATH:LINE: ..." or "PATH: ...". */
#include "core/csvin.h"
#include "fuzz.h"

static const char *path;

static void check(int cond, const char *what, const char *detail)
{
    if (cond)
        return;
    fprintf(stderr, "fuzz_csvin: %s: %s\n", what, detail ? detail : "");
    abort();
}

static void check_error(int rc, const sim_err *err)
{
    check(rc == SIM_EINPUT, "an error that is not SIM_EINPUT", err->msg);
    check(!strchr(err->msg, '\n') && !strchr(err->msg, '\r'), "a message of several lines",
          err->msg);
    check(!strncmp(err->msg, path, strlen(path)), "a message without the file", err->msg);
}

static void fields(const csvin *in, const csvin_row *row, size_t width)
{
    sim_err err;
    char show[CSVIN_SHOW];
    int rc = csvin_check_width(in, row, width, &err);
    if (rc)
        check_error(rc, &err);
    for (size_t i = 0; i < row->n; i++) {
        check(row->len[i] <= CSVIN_MAX_FIELD, "a field over the limit", NULL);
        check(strlen(row->field[i]) <= row->len[i], "a field longer than its length", NULL);
        check(row->field[i][row->len[i]] == 0, "a field not NUL-terminated", NULL);
        check(strlen(csvin_show(row->field[i], show)) < CSVIN_SHOW, "csvin_show overflows", NULL);
        int64_t v;
        if ((rc = csvin_count(in, row, (int)i, "messages", &v, &err)))
            check_error(rc, &err);
        else
            check(v >= 0 && v <= 9007199254740992LL, "a count out of range", row->field[i]);
        if ((rc = csvin_time(in, row, (int)i, "time", &v, &err)))
            check_error(rc, &err);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"time", "account", "messages", "stream"};
    path = fuzz_file(data, size, ".csv");
    csvin *in;
    sim_err err;
    int rc = csvin_open(&in, path, &err);
    check(rc == 0, "cannot open", err.msg);
    csvin_row row;
    size_t width = 0;
    long line = 0;
    while ((rc = csvin_next(in, &row, &err)) == 1) {
        check(row.n >= 1 && row.n <= CSVIN_MAX_FIELDS, "a row of no or too many fields", NULL);
        check(row.line > line, "lines do not grow", NULL);
        line = row.line;
        if (!width) {
            int idx[4];
            width = row.n;
            if ((rc = csvin_columns(in, &row, names, 4, 7, idx, &err)))
                check_error(rc, &err);
        }
        fields(in, &row, width);
    }
    if (rc < 0) {
        check_error(rc, &err);
        check(csvin_next(in, &row, &err) == rc, "an error that is not sticky", NULL);
    }
    csvin_close(in);
    return 0;
}
