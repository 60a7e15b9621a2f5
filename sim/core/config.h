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

/* Initial capacity of the event pool; it doubles when full (amortised, no per-event malloc). */
#define SIM_EVENT_POOL_INIT 1024

/* Output: stdio buffer for each CSV file. */
#define OUT_BUFFER_BYTES (1 << 16)

#endif
