/* config.h: the one configuration header of sesim (Lua's luaconf.h in spirit).
 * Version, compile-time limits and tuning constants live here and nowhere else. */
#ifndef SESIM_CONFIG_H
#define SESIM_CONFIG_H

#define SESIM_VERSION "0.1.0"

/* Clock: int64 milliseconds since the scenario start. */
#define SIM_MS_PER_S   1000LL
#define SIM_MS_PER_MIN (60LL * SIM_MS_PER_S)
#define SIM_MS_PER_H   (60LL * SIM_MS_PER_MIN)
#define SIM_MS_PER_DAY (24LL * SIM_MS_PER_H)

/* The daily quota is a rolling window of this length (SES-FACTS: rolling 24 h). */
#define SIM_QUOTA_WINDOW_MS SIM_MS_PER_DAY

/* Client streams (models/client.h): ticks of demand a client keeps for the
 * safe-rate probe to replay (65536: 45 days of 1-minute ticks), and the probe's
 * limits: at least this many calls (and 100 at the target share, up to the
 * most), and at most this many ticks of replay. */
#define CLIENT_HIST_TICKS 65536
#define CLIENT_PROBE_MIN_CALLS 1e4
#define CLIENT_PROBE_MAX_CALLS 1e7
#define CLIENT_PROBE_MAX_TICKS (1 << 20)
/* Resolution of the safe rate of a client with a continuous setting (bucket),
 * calls per second. */
#define CLIENT_PROBE_STEP 0.01

/* Scenario reading: inih's line buffer (INI_MAX_LINE in Debian's libinih). */
#define SCN_MAX_LINE 200
/* Largest scenario file, read or written: an input over it is refused, and so
 * is one whose resolved form (DIR/scenario.ini) would be over it, so that every
 * scenario.ini sesim writes can be run again. */
#define SCN_MAX_FILE_BYTES (16u << 20)
/* Longest name of an account or a traffic stream. */
#define SCN_MAX_NAME 64
/* Dedicated IPs an account may lease (SES's default quota is lower; the cap
 * only keeps a typo from meaning a billion). */
#define SCN_MAX_DEDICATED_IPS 1000
/* Upper bound on any count value (2^53: the last exactly representable integer). */
#define SCN_MAX_COUNT 9007199254740992.0
/* Longest simulated duration accepted (100 years), to keep int64 ms far from overflow. */
#define SCN_MAX_DURATION_MS (100LL * 366 * SIM_MS_PER_DAY)

/* Limits of a run, checked when a scenario is read (sim/scenario/scenario_limits.c,
 * docs/model.md "Limits of a run"). The demand of one replication, all streams
 * together: every count of a run (sent, backlog, totals, the organisation's
 * row) is at most this, and throttled at most SCN_MAX_RETRY_ATTEMPTS times it,
 * so no int64 count can overflow. */
#define SCN_MAX_DEMAND SCN_MAX_COUNT
#define SCN_MAX_RETRY_ATTEMPTS 1000
/* The last instant a time can be written as (9999-12-31T23:59:59.999Z): no run
 * ends after it. */
#define SCN_MAX_END_MS 253402300799999LL
/* The estimate of a run's work (steps: a stream's tick, a campaign summed in a
 * tick, a retry group submitted, a boundary's look at an account; over every
 * replication) and of its output (timeseries.csv and bands.csv), beyond which
 * it is refused unless --force: about hours of computing, and ten gigabytes. */
#define SCN_MAX_WORK 1e11
#define SCN_MAX_OUTPUT_BYTES 1e10
/* Bytes of a timeseries.csv row besides the account's name, and of a bands.csv
 * row, as written by a typical run (docs/performance.md). */
#define SCN_ROW_BYTES 100
#define SCN_BAND_ROW_BYTES 90

/* Initial capacity of the event pool; it doubles when full (amortised, no per-event malloc). */
#define SIM_EVENT_POOL_INIT 1024

/* Output: stdio buffer for each CSV file. */
#define OUT_BUFFER_BYTES (1 << 16)

#endif
