/* cloudwatch.h: SES metrics as the AWS CLI prints them from CloudWatch,
 * `aws cloudwatch get-metric-data` (MetricDataResults: one result per metric,
 * Timestamps and Values side by side) or `aws cloudwatch get-metric-statistics`
 * (one metric, Label and Datapoints). A metric is named by its Label (the CLI
 * prints the metric's name when the query gave no label) or, failing that, by
 * its Id compared without case and without dots ("bouncerate" is not a metric,
 * "send" is Send). docs/formats.md, "CloudWatch metrics".
 *
 *   cw_data d;
 *   if (cw_read(&d, path, err)) return SIM_EINPUT;
 *   ... d.m[CW_SEND].n points, sorted by time ...
 *   cw_free(&d);
 *
 * Counts (Send, Delivery, Bounce, Complaint, Reject) are the Sum of a period:
 * whole numbers; get-metric-statistics must have been asked for --statistics
 * Sum. Rates (Reputation.BounceRate, Reputation.ComplaintRate) are shares in
 * [0, 1], taken from Average, or Maximum when there is no Average. */
#ifndef SESIM_CLOUDWATCH_H
#define SESIM_CLOUDWATCH_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

enum { CW_SEND, CW_DELIVERY, CW_BOUNCE, CW_COMPLAINT, CW_REJECT, CW_BOUNCE_RATE,
       CW_COMPLAINT_RATE, CW_N_METRICS, CW_FIRST_RATE = CW_BOUNCE_RATE };

typedef struct cw_series {
    int present; /* the file has the metric (perhaps with no points: no data) */
    size_t n;
    int64_t *t;  /* ms since 1970, ascending, no two equal */
    double *v;   /* the Sum (counts) or the Average (rates) */
    long *line;  /* where the point is in the file, for messages */
} cw_series;

typedef struct cw_data {
    const char *path;
    cw_series m[CW_N_METRICS];
} cw_data;

/* The metric's name as SES publishes it ("Send", "Reputation.BounceRate"). */
const char *cw_metric_name(int metric);

/* Read the file: 0, or SIM_EINPUT with "FILE:LINE: reason" (a metric that is
 * not one of SES's, a repeated metric or Timestamp, a bad value, no points). */
int cw_read(cw_data *d, const char *path, sim_err *err);
void cw_free(cw_data *d);

#endif
