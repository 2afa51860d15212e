/* SPDX-License-Identifier: GPL-2.0 */
#ifndef STAPRUN_TIME_ZONE_H
#define STAPRUN_TIME_ZONE_H

#include <stddef.h>

/*
 * The module parameters that give the caller's local time zone to
 * tz_gmtoff(), tz_name() and tz_ctime(): "stp_tz_gmtoff=SECONDS_WEST
 * stp_tz_name=NAME", NAME cut to letters, digits, '+' and '-' (at most
 * 15) so it cannot split the parameter list.
 */
void stap_time_zone_params(char *buf, size_t size);

#endif /* STAPRUN_TIME_ZONE_H */
