/* jsonout.h: the JSON summary that `--json` prints on stdout after run, sweep
 * and batch (docs/formats.md, "JSON summaries"), on jansson.
 *
 *   json_t *j = jsonout_begin("run", status, outdir, error_or_NULL);
 *   jsonout_add_file(j, outdir, "summary.csv");        files written, if present
 *   jsonout_add_table(j, "summary", outdir, "summary.csv");
 *   jsonout_print(j);                                  prints and frees
 *
 * A table is the CSV file's rows as objects in column order: a cell that is a
 * decimal number becomes a JSON number, an empty cell null, any other text a
 * string (a status, `NA`, `0.3%`). */
#ifndef SESIM_JSONOUT_H
#define SESIM_JSONOUT_H

#include <jansson.h>

/* {"command", "status" (the exit status), "outdir", "error" when given,
 * "files": []}. */
json_t *jsonout_begin(const char *command, int status, const char *outdir, const char *error);
/* Append DIR/NAME to "files" when that file exists. */
void jsonout_add_file(json_t *j, const char *dir, const char *name);
/* Set j[key] to the rows of DIR/NAME (nothing when the file cannot be read). */
void jsonout_add_table(json_t *j, const char *key, const char *dir, const char *name);
/* Print j on stdout (indented, keys in insertion order) and free it:
 * 0, or 1 when stdout cannot take it. */
int jsonout_print(json_t *j);

#endif
