/* traffic_diurnal.c: kind = diurnal, volume shaped by the stream's hour-of-day
 * weights (`hours`, default an office-hours curve), weekend factor and growth. */
#include "traffic.h"

static int diurnal_init(void *state, const scn_traffic *cfg, const scn_sim *sim, sim_err *err)
{
    return traffic_profile_init(state, cfg, sim, cfg->hours, err);
}

const traffic_type traffic_diurnal = {
    .name = "diurnal",
    .state_size = sizeof(traffic_profile),
    .profile = 1,
    .init = diurnal_init,
    .demand = traffic_profile_demand,
    .most = traffic_profile_most,
};
