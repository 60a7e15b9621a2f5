/* numfmt.h: printf's "%.Nf" and "%.Ng" of a double, byte for byte, at a
 * fraction of snprintf's cost (the rate and day columns of every timeseries
 * row). The fast path computes v x 10^k with one rounding and takes the
 * nearest integer only when the exact product is certainly not within 10^-3
 * of a tie; everything else (ties and near ties, huge or tiny magnitudes, inf,
 * nan, precisions beyond the fast path's) is written by snprintf itself.
 *
 * Each writes at most NUMFMT_BUF bytes with a terminating NUL into buf and
 * returns what snprintf(buf, NUMFMT_BUF, "%.*f", prec, v) returns: the length
 * of the whole text, NUMFMT_BUF or more when it was cut (only a fallback's
 * can be: %.Nf of a huge value). */
#ifndef SESIM_NUMFMT_H
#define SESIM_NUMFMT_H

#include <stddef.h>

#define NUMFMT_BUF 64

size_t numfmt_f(double v, int prec, char buf[NUMFMT_BUF]);
size_t numfmt_g(double v, int prec, char buf[NUMFMT_BUF]);

#endif
