/* delay.h: distribution of queueing delays (how long messages waited in a sender's
 * queue before SES accepted them), weighted by message count, for the summary's
 * delay_p50_s and delay_p99_s.
 *
 * Zero delays (sent in the tick they arrived) are counted apart; positive delays go
 * to a GSL histogram with log-spaced bins, 20 per decade from 1 ms to 10^10 ms
 * (about 116 days), so a quantile is exact to within one bin (12%). The histogram
 * is allocated on the first positive delay: most accounts never queue. */
#ifndef SESIM_DELAY_H
#define SESIM_DELAY_H

#include <stdint.h>

#include <gsl/gsl_histogram.h>

typedef struct delay_stats {
    double zero;         /* messages sent without waiting */
    gsl_histogram *hist; /* positive delays in ms, weighted by messages */
} delay_stats;

void delay_init(delay_stats *d);
void delay_reset(delay_stats *d);
void delay_destroy(delay_stats *d);

void delay_add(delay_stats *d, int64_t delay_ms, int64_t messages);
/* Add the delays of `from` to `into` (the organisation's, from its accounts'). */
void delay_merge(delay_stats *into, const delay_stats *from);
/* Delay in seconds below which a share q of the messages waited; NAN when none. */
double delay_quantile_s(const delay_stats *d, double q);

#endif
