// SPDX-License-Identifier: GPL-2.0
/*
 * As generated for, with --privilege=LEVEL (the test builds it three
 * times, as stap_who_usr, stap_who_sys and stap_who_dev; stap_who_pol
 * records stapusr plus probe.kernel.trace, as --privilege=stapusr+... does):
 *	probe begin { printf("loaded unprivileged=%d uid=%d gid=%d\n", ...)
 *		exit() }
 * It prints what staprun passed in the reserved parameters.
 */
#include "stap_runtime.h"

#ifndef WHO_LEVEL
#error "build with -DWHO_LEVEL=\"stapusr\" (or stapsys, stapdev)"
#endif
#ifndef WHO_ACTIONS
#define WHO_ACTIONS "probe.begin_end"
#endif
STP_PRIVILEGE(WHO_LEVEL, WHO_ACTIONS);

const size_t stp_locals_size;

int stp_globals_init(void)
{
	return 0;
}

void stp_globals_free(void)
{
}

/* who.stp:1:1 */
static void stp_probe_0(struct stp_context *c)
{
	STP_ACTION(c, 2);
	STP_PRINTF(c, "loaded " WHO_LEVEL " unprivileged=%d uid=%d gid=%d\n",
		   STP_LONG(stp_unprivileged), STP_LONG(stp_uid),
		   STP_LONG(stp_gid));
	stp_exit(c);
out:
	return;
}

static const struct stp_probe stp_probes[] = {
	{ "begin", "who.stp:1:1", stp_probe_0 },
};

static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0] };

const struct stp_provider_use stp_provider_uses[] = {
	{ &stp_provider_begin, (void *)stp_begin_probes, 1 },
};
const unsigned int stp_provider_use_count = ARRAY_SIZE(stp_provider_uses);

#include "stap_runtime.c"
