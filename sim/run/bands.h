/* bands.h: replication bands. Each replication writes, beside its timeseries
 * rows, a binary record per row with the banded metrics; bands.csv gives, per
 * time, account and metric, the mean and the 5%, 50% and 95% quantiles over the
 * replications (GSL quantiles of the sorted values).
 *
 * Records are fixed-size, so the files are read in blocks of rows at the same
 * offsets: memory is bounded whatever the number of replications and rows. */
#ifndef SESIM_BANDS_H
#define SESIM_BANDS_H

#include <stdint.h>
#include <stdio.h>

#include "core/error.h"
#include "scenario/scenario.h"

enum { BAND_MAX24H, BAND_SENT, BAND_SENT_24H, BAND_BACKLOG, BAND_BOUNCE, BAND_COMPLAINT, BAND_N };
extern const char *const band_names[BAND_N];

typedef struct band_rec {
    int64_t t;       /* ms since start */
    int64_t account; /* index into scenario.accounts; -1 for the organisation row `*` */
    double v[BAND_N];
} band_rec;

void bands_header(FILE *out);
/* Read the replications' record files (paths[0..reps-1]) and write bands rows. */
int bands_write(FILE *out, const scenario *s, char *const *paths, size_t reps, sim_err *err);

#endif
