// SPDX-License-Identifier: GPL-2.0
/*
 * A stapusr module whose printf format the translator never saw (stap
 * only builds literal formats, and asks for memory.kernel.read at each
 * %m): the runtime formatter must still refuse to read kernel memory,
 * since the privilege record lacks memory.kernel.read.  cases/limits.sh
 * also loads it with forged reserved parameters.
 */
#include "stap_runtime.h"

STP_PRIVILEGE("stapusr", "probe.begin_end");

const size_t stp_locals_size;

static const char stp_secret[] = "kernel secret";
/* Not a literal at the call: the format arrives at run time. */
static const char *stp_format_at_run_time = "%.6m|%.2M|\n";

int stp_globals_init(void)
{
	return 0;
}

void stp_globals_free(void)
{
}

/* limits.stp:1:1 */
static void stp_probe_0(struct stp_context *c)
{
	STP_ACTION(c, 1);
	STP_STMT(c, "printf at limits.stp:1:17");
	STP_PRINTF(c, stp_format_at_run_time, STP_LONG((long)stp_secret),
		   STP_LONG((long)stp_secret));
	STP_CHECK(c);
	stp_print_str(c, "not reached\n");
out:
	stp_exit(c);
}

static const struct stp_probe stp_probes[] = {
	{ "begin", "limits.stp:1:1", stp_probe_0 },
};

static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0] };

const struct stp_provider_use stp_provider_uses[] = {
	{ &stp_provider_begin, (void *)stp_begin_probes, 1 },
};
const unsigned int stp_provider_use_count = ARRAY_SIZE(stp_provider_uses);

#include "stap_runtime.c"
