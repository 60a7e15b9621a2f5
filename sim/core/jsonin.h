/* jsonin.h: JSON input files on jansson, with the locations the bad-input rule
 * wants (docs/formats.md, "JSON inputs").
 *
 *   jsonin *in;
 *   if (jsonin_load(&in, path, err)) return SIM_EINPUT;
 *   json_t *points = json_object_get(jsonin_root(in), "SendDataPoints");
 *   ... jsonin_line(in, point) is the line on which that object starts ...
 *   jsonin_close(in);
 *
 * jansson's parser is strict (RFC 8259; duplicate keys are refused here too) and
 * names a syntax error's line and column: those become "FILE:LINE:COLUMN: what".
 * jansson keeps no positions for the values it returns, so jsonin_load maps
 * every object and array of the tree to the line where it starts: objects keep
 * their keys in document order (jansson 2.8 on), so the k-th container of a
 * pre-order walk is the k-th '{' or '[' of the text. A value found wrong after
 * parsing (a negative count, a bad time) is reported at its object's line.
 *
 * jsonin_parse_line reads one JSON value from one line of a larger file (event
 * records, one object a line), with the same messages. */
#ifndef SESIM_JSONIN_H
#define SESIM_JSONIN_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "config.h"
#include "error.h"

typedef struct jsonin jsonin;

/* Read and parse the file: 0, or SIM_EINPUT with "FILE:LINE:COLUMN: reason". */
int jsonin_load(jsonin **in, const char *path, sim_err *err);
json_t *jsonin_root(const jsonin *in);
const char *jsonin_path(const jsonin *in);
/* The line on which the object or array v of the document starts, 0 if v is
 * not a container of this document. */
long jsonin_line(const jsonin *in, const json_t *v);
void jsonin_close(jsonin *in); /* NULL is fine */

/* Parse text[0, len), line `line` of path, as one JSON value into *out (a new
 * reference): 0, or SIM_EINPUT with "FILE:LINE:COLUMN: reason". */
int jsonin_parse_line(json_t **out, const char *path, long line, const char *text, size_t len,
                      sim_err *err);

/* 1 when the file's first byte other than white space (after a UTF-8 byte
 * order mark) is '{' or '[': a JSON document rather than a CSV file. 0 when it
 * is not, or the file cannot be read (its reader then says why). */
int jsonin_sniff(const char *path);

/* ---- fields of an object obj found at path:line, for messages ----
 * Each returns 0 with the value, 1 when the key is absent (out untouched), or
 * SIM_EINPUT with "FILE:LINE: KEY ...". */

/* A count: a whole number in [0, 2^53], written as an integer or as a float
 * with no fraction (the AWS CLI prints quotas as 200.0). */
int jsonin_count(const char *path, long line, const json_t *obj, const char *key, int64_t *out,
                 sim_err *err);
/* Any finite number. */
int jsonin_number(const char *path, long line, const json_t *obj, const char *key, double *out,
                  sim_err *err);
int jsonin_bool(const char *path, long line, const json_t *obj, const char *key, int *out,
                sim_err *err);
/* A string (valid until the object is freed). */
int jsonin_string(const char *path, long line, const json_t *obj, const char *key,
                  const char **out, sim_err *err);
/* A UTC date and time as AWS prints them (2013-06-12T19:32:00Z,
 * 2024-09-29T22:10:00+00:00, 2016-01-27T14:59:38.237Z), ms since 1970. */
int jsonin_time(const char *path, long line, const json_t *obj, const char *key, int64_t *out,
                sim_err *err);

#endif
