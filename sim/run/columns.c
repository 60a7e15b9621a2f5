/* columns.c: the header names of every CSV file of a run, from the lists of
 * columns.h. */
#include "columns.h"

#define COLUMN_NAME(name) #name,
const char *const columns_timeseries[TS_COLUMNS_N] = {TIMESERIES_COLUMNS(COLUMN_NAME)};
const char *const columns_summary[SUM_COLUMNS_N] = {SUMMARY_COLUMNS(COLUMN_NAME)};
const char *const columns_mailbox_summary[MSUM_COLUMNS_N] = {MAILBOX_SUMMARY_COLUMNS(COLUMN_NAME)};
const char *const columns_tenants[TN_COLUMNS_N] = {TENANT_COLUMNS(COLUMN_NAME)};
const char *const columns_tenant_summary[TNS_COLUMNS_N] = {TENANT_SUMMARY_COLUMNS(COLUMN_NAME)};
const char *const columns_events[EVT_COLUMNS_N] = {EVENT_COLUMNS(COLUMN_NAME)};
const char *const columns_bands[BND_COLUMNS_N] = {BAND_COLUMNS(COLUMN_NAME)};
const char *const columns_clients[CLI_COLUMNS_N] = {CLIENT_COLUMNS(COLUMN_NAME)};
const char *const columns_ips[IPS_COLUMNS_N] = {IP_COLUMNS(COLUMN_NAME)};
const char *const columns_mailboxes[MBX_COLUMNS_N] = {MAILBOX_COLUMNS(COLUMN_NAME)};
#undef COLUMN_NAME
#define COLUMN_NAME_AS(name, as) #name,
const char *const columns_configset_summary[CSS_COLUMNS_N] = {CONFIGSET_SUMMARY_COLUMNS(COLUMN_NAME_AS)};
#undef COLUMN_NAME_AS

void columns_header(FILE *f, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        fprintf(f, "%s%c", names[i], i + 1 < n ? ',' : '\n');
}
