// SPDX-License-Identifier: GPL-2.0
/*
 * As generated for:
 *	probe begin { println("hello world") exit() }
 *	probe end { printf("%s %d\n", "bye", 42) }
 */
#include "stap_runtime.h"

STP_PRIVILEGE("stapusr", "probe.begin_end");

const size_t stp_locals_size;

int stp_globals_init(void)
{
	return 0;
}

void stp_globals_free(void)
{
}

/* hello.stp:1:1 */
static void stp_probe_0(struct stp_context *c)
{
	STP_ACTION(c, 2);
	stp_print_str(c, "hello world\n");
	stp_exit(c);
out:
	return;
}

/* hello.stp:2:1 */
static void stp_probe_1(struct stp_context *c)
{
	STP_ACTION(c, 1);
	STP_PRINTF(c, "%s %d\n", STP_STR("bye"), STP_LONG(42));
out:
	return;
}

static const struct stp_probe stp_probes[] = {
	{ "begin", "hello.stp:1:1", stp_probe_0 },
	{ "end", "hello.stp:2:1", stp_probe_1 },
};

static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0] };
static const struct stp_probe *const stp_end_probes[] = { &stp_probes[1] };

const struct stp_provider_use stp_provider_uses[] = {
	{ &stp_provider_begin, (void *)stp_begin_probes, 1 },
	{ &stp_provider_end, (void *)stp_end_probes, 1 },
};
const unsigned int stp_provider_use_count = ARRAY_SIZE(stp_provider_uses);

#include "stap_runtime.c"
