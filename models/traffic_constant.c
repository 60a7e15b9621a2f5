/* traffic_constant.c: kind = constant, the same volume at every hour of the day
 * (weekend factor and growth still apply). */
#include "traffic.h"

static int constant_init(void *state, const scn_traffic *cfg, const scn_sim *sim, sim_err *err)
{
    static const double flat[24] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    return traffic_profile_init(state, cfg, sim, flat, err);
}

const traffic_type traffic_constant = {
    .name = "constant",
    .state_size = sizeof(traffic_profile),
    .profile = 1,
    .init = constant_init,
    .demand = traffic_profile_demand,
    .most = traffic_profile_most,
};
