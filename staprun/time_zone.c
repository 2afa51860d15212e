// SPDX-License-Identifier: GPL-2.0
/* The caller's time zone for the module; see time_zone.h. */

#include <ctype.h>
#include <stdio.h>
#include <time.h>
#include "time_zone.h"

void stap_time_zone_params(char *buf, size_t size)
{
	char name[16] = "UTC";
	time_t now = time(NULL);
	long west = 0;
	struct tm tm;
	size_t i = 0;
	const char *z;

	tzset();
	if (localtime_r(&now, &tm)) {
		west = -tm.tm_gmtoff;
		for (z = tm.tm_zone; z && *z && i < sizeof(name) - 1; z++)
			if (isalnum((unsigned char)*z) || *z == '+' ||
			    *z == '-')
				name[i++] = *z;
		if (i)
			name[i] = '\0';
	}
	snprintf(buf, size, "stp_tz_gmtoff=%ld stp_tz_name=%s", west, name);
}
