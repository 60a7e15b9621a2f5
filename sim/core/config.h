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
/* Bytes of a mailboxes.csv row besides the account's and the provider's
 * names, and of an ips.csv row besides the account's name. */
#define SCN_MAILBOX_ROW_BYTES 100
#define SCN_IPS_ROW_BYTES 70

/* Initial capacity of the event pool; it doubles when full (amortised, no per-event malloc). */
#define SIM_EVENT_POOL_INIT 1024

/* Output: stdio buffer for each CSV file. */
#define OUT_BUFFER_BYTES (1 << 16)

/* ---- Limits of a scenario's keys, checked when it is read (scenario.c) ---- */
/* Ticks of one replication (sim.duration / sim.tick): beyond it, the run is
 * refused; a longer sim.tick is asked for. */
#define SCN_MAX_TICKS 1000000000LL
/* sim.reps (and any replication number the report reads back). */
#define SCN_MAX_REPS 1000000
/* traffic.NAME.client_workers: message-level workers of one stream. */
#define SCN_MAX_CLIENT_WORKERS 10000
/* The shapes of the assumed rules (docs/model.md): lognormal shapes stay
 * where a median still describes the delays; the arrival calendar holds a
 * slot per hour per account, so a feedback horizon is at most this. */
#define SCN_MAX_SIGMA 3.0
#define SCN_MAX_HORIZON (90 * SIM_MS_PER_DAY)

/* ---- Inputs: data files read by the models and the studies ---- */
/* CSV input (csvin): longest field, most fields in a row, bytes read at a time. */
#define CSVIN_MAX_FIELD 4096
#define CSVIN_MAX_FIELDS 256
#define CSVIN_CHUNK (256 * 1024)
/* A whole JSON document is read into memory (jsonin): refuse files over this first. */
#define JSONIN_MAX_BYTES (256L * 1024 * 1024)
/* Points of a CloudWatch export (traffic kind cloudwatch): far beyond a year
 * of one-minute points (525,600); refuse before memory does. */
#define CW_MAX_POINTS 1000000
/* Points of an SES sending-statistics export (traffic kind ses_stats): far
 * beyond any export (two weeks of 15-minute points is 1,344). */
#define SES_STATS_MAX_POINTS 1000000
/* One line of an SES event export (traffic kind ses_events): an SNS body with
 * its headers is a few KB. */
#define SES_EVENTS_MAX_LINE (1L << 20)

/* ---- The engine and random numbers ---- */
/* Children per node of the future-event list's heap. */
#define HEAP_ARITY 4
/* A heap key packs seq (the insertion number) and the event's pool slot in 64
 * bits (sim/core/heap.h): 2^28 pending events at most (8 GiB of events), and
 * the engine renumbers its pending keys once every 2^36 insertions. */
#define HEAP_SLOT_BITS 28
#define HEAP_SEQ_BITS (64 - HEAP_SLOT_BITS)
/* rng_poisson: from this mean on, a normal approximation (docs/model.md). */
#define RNG_POISSON_NORMAL 1e12

/* ---- Numerical choices of the models (changing one changes outputs) ---- */
/* A batch over 1/OUTCOME_SIZEABLE of its list is a sizeable part of it: its
 * recipients are drawn without replacement (hypergeometric). */
#define OUTCOME_SIZEABLE 20
/* Up to this many, feedback delays are drawn one by one; more: one multinomial
 * over the delay buckets. */
#define OUTCOME_FEW 8
/* Ticks a retry backoff may span (sender = retry); longer delays land in the last. */
#define RETRY_MAX_BUCKETS 64
/* The delay histogram of summary.csv's delay quantiles: bins per decade of
 * milliseconds, and decades (1 ms to 10^10 ms, about 116 days; longer delays
 * land in the last bin). */
#define DELAY_BINS_PER_DECADE 20
#define DELAY_DECADES 10
/* sim.tick = auto: a Poisson count exceeds its allowance with at most this
 * probability per check (Chernoff bound); a few checks per hour (docs/model.md). */
#define TICKPLAN_EPSILON 1e-9

/* ---- Outputs of a run ---- */
/* bands.csv: doubles held in memory at once (blocks of rows x replications x metrics). */
#define BANDS_BLOCK_VALUES (8u << 20)

/* ---- Studies ---- */
/* --vary: values of one axis, and points of a sweep (all axes together). */
#define SWEEP_MAX_AXIS_VALUES 100000
#define SWEEP_MAX_POINTS 1000000
/* -j: worker processes at most. */
#define POOL_MAX_JOBS 1024
/* sesim sensitivity: Morris trajectories, Sobol samples and keys, bootstrap
 * resamples of the trajectories (the defaults of its options). */
#define SENSITIVITY_TRAJECTORIES 10
#define SENSITIVITY_SOBOL_SAMPLES 64
#define SENSITIVITY_SOBOL_KEYS 4
#define SENSITIVITY_BOOTSTRAP 1000
/* Morris grid: 0, 1/3, 2/3, 1 (delta 2/3); Sobol keys at most
 * (gsl_qrng_sobol has at most 40 dimensions, two per key). */
#define GSA_LEVELS 4
#define GSA_SOBOL_MAX_KEYS 20
/* sesim plan: replications of each candidate unless --reps, the share that
 * must reach the target, the default --risk, and the smallest first-day cap
 * tried (SendGrid's first day). */
#define PLAN_REPS 20
#define PLAN_REACH 0.95
#define PLAN_RISK 0.01
#define PLAN_MIN_START 50.0
/* The plan's search: first-day caps of the grid, the largest daily growth
 * (the simplex keeps growth - 1 in [0.02, 4]), simplex iterations and the
 * size at which it stops (log units), objective cost per unit of broken
 * constraint. */
#define PLAN_GRID_STARTS 5
#define PLAN_MAX_GROWTH 5.0
#define PLAN_SIMPLEX_ITERATIONS 25
#define PLAN_SIMPLEX_SIZE 0.02
#define PLAN_PENALTY 10.0
/* sesim plan --requests N: the most manual quota requests searched; the
 * amounts tried are the target times quota_request_factor^j for j from
 * -PLAN_REQUEST_STEPS_DOWN to PLAN_REQUEST_STEPS_UP. */
#define PLAN_MAX_REQUESTS 5
#define PLAN_REQUEST_STEPS_DOWN 3
#define PLAN_REQUEST_STEPS_UP 1
/* ... and, with two requests or more, the coordinate passes at most (each
 * request searched again with the others fixed). */
#define PLAN_REQUEST_PASSES 2
/* sesim calibrate: Nelder-Mead iterations at most, and the simplex size at
 * which it stops. */
#define CALIB_MAX_ITERATIONS 5000
#define CALIB_TOLERANCE 1e-10
/* sesim calibrate, the ramp: the model's ramp check runs at the hourly look
 * at or after its due time (docs/model.md, "Automatic ramp"), so a raise comes
 * up to this long after its due time; the search for the check interval tries
 * at most this many candidates, one minute apart or coarser. */
#define CALIB_RAMP_CHECK_MS SIM_MS_PER_H
#define CALIB_RAMP_CANDIDATES 20000

/* ---- sesim report ---- */
/* A run of more accounts draws the organisation `*` and the accounts with the
 * most demand, one colour each: 4,000 lanes and lines were more than gnuplot
 * could draw ("Cairo is unhappy"). */
#define REPORT_MAX_ACCOUNTS 10
/* Rows of events.csv and summary.csv shown. */
#define REPORT_MAX_EVENT_ROWS 200
#define REPORT_MAX_SUMMARY_ROWS 1000
/* Points per account written for gnuplot; longer series are thinned evenly. */
#define REPORT_MAX_PLOT_POINTS 20000
/* Sweep keys plotted (two plots each). */
#define REPORT_MAX_SWEEP_KEYS 6
/* Rows of sweep.csv read, and shown on the page; of batch.csv read. */
#define REPORT_MAX_SWEEP_ROWS 200000
#define REPORT_MAX_SWEEP_SHOWN 500
#define REPORT_MAX_BATCH_ROWS 200000
/* Colours per plot (more series are left out, and the page says so); heat-map
 * panels; series named in a sweep plot's caption. */
#define REPORT_MAX_SERIES 24
#define REPORT_MAX_HEAT_ACCOUNTS 4
#define REPORT_MAX_FACT_SERIES 8
/* CSV read back by the report: bytes read at a time; one row's text (all
 * fields together) and fields at most. */
#define REPORT_CSV_CHUNK (64 * 1024)
#define REPORT_CSV_MAX_ROW_BYTES (1 << 20)
#define REPORT_CSV_MAX_FIELDS 4096

#endif
