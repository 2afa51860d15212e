// SPDX-License-Identifier: GPL-2.0
/*
 * As generated with -D STP_BUFSIZE=4096 for (flood.stp):
 *	probe begin { for (i = 0; i < 30; i++) printf("%-99d\n", i) }
 *	probe begin { for (i = 0; i < 30; i++) printf("%-99s\n", "lost") }
 *	probe begin { exit() }
 *	probe end { for (i = 30; i < 60; i++) printf("%-99d\n", i) }
 * stapio reads nothing while the begin probes run, so the second one
 * overflows the 4 KiB ring: its 3000 bytes are dropped as a whole and
 * reported.  The end probe finds the ring drained: nothing lost.
 */
#define STP_BUFSIZE 4096
#include "stap_runtime.h"

STP_PRIVILEGE("stapusr", "probe.begin_end");

union stp_locals {
	struct {
		s64 i;
	} probe;
};
const size_t stp_locals_size = sizeof(union stp_locals);

int stp_globals_init(void)
{
	return 0;
}

void stp_globals_free(void)
{
}

static void stp_print_lines(struct stp_context *c, s64 from, s64 to,
			    const char *text)
{
	typeof(((union stp_locals *)0)->probe) *l = (void *)c->locals;

	for (l->i = from; l->i < to; l->i++) {
		STP_ACTION(c, 1);
		if (text)
			STP_PRINTF(c, "%-99s\n", STP_STR(text));
		else
			STP_PRINTF(c, "%-99d\n", STP_LONG(l->i));
	}
out:
	return;
}

static void stp_probe_0(struct stp_context *c)
{
	stp_print_lines(c, 0, 30, NULL);
}

static void stp_probe_1(struct stp_context *c)
{
	stp_print_lines(c, 0, 30, "lost");
}

static void stp_probe_2(struct stp_context *c)
{
	stp_exit(c);
}

static void stp_probe_3(struct stp_context *c)
{
	stp_print_lines(c, 30, 60, NULL);
}

static const struct stp_probe stp_probes[] = {
	{ "begin", "flood.stp:1:1", stp_probe_0 },
	{ "begin", "flood.stp:2:1", stp_probe_1 },
	{ "begin", "flood.stp:3:1", stp_probe_2 },
	{ "end", "flood.stp:4:1", stp_probe_3 },
};
static const struct stp_probe *const stp_begin_probes[] = {
	&stp_probes[0], &stp_probes[1], &stp_probes[2],
};
static const struct stp_probe *const stp_end_probes[] = { &stp_probes[3] };

const struct stp_provider_use stp_provider_uses[] = {
	{ &stp_provider_begin, (void *)stp_begin_probes, 3 },
	{ &stp_provider_end, (void *)stp_end_probes, 1 },
};
const unsigned int stp_provider_use_count = ARRAY_SIZE(stp_provider_uses);

#include "stap_runtime.c"
