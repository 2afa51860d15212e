// SPDX-License-Identifier: GPL-2.0
/* Tracepoint probes by name; see tracepoints.h. */

#include <linux/tracepoint.h>
#include "tracepoints.h"
#include "session.h"
#include "transport.h"

atomic_t stp_tracepoint_unarmed = ATOMIC_INIT(0);

/*
 * Every tracepoint calls its probes as fn(data, args...): one handler
 * serves them all by taking the most arguments the translator allows.
 * Those the tracepoint does not pass are never read by the script (pass 2
 * checked the names against the tracepoint's BTF prototype); on x86-64
 * the sixth and later sit in the caller's stack frame, always there to
 * read, and the handler only copies them (a callee may write its stack
 * arguments, which here could be the caller's; it never assigns them).
 */
static void stp_tracepoint_hit(void *data, u64 a1, u64 a2, u64 a3, u64 a4,
			       u64 a5, u64 a6, u64 a7, u64 a8, u64 a9,
			       u64 a10, u64 a11, u64 a12)
{
	struct stp_tracepoint_probe *t = data;
	const u64 args[STP_TRACEPOINT_ARGS] = { a1, a2, a3, a4, a5, a6,
						a7, a8, a9, a10, a11, a12 };

	stp_probe_run_args(t->probe, STP_SESSION_RUNNING, args,
			   STP_TRACEPOINT_ARGS);
}

struct stp_tracepoint_lookup {
	const char *name;
	struct tracepoint *found;
};

static void stp_tracepoint_match(struct tracepoint *tp, void *priv)
{
	struct stp_tracepoint_lookup *l = priv;

	if (!l->found && !strcmp(tp->name, l->name))
		l->found = tp;
}

int stp_tracepoint_attach(const char *name, void *fn, void *data,
			  struct tracepoint **tp)
{
	struct stp_tracepoint_lookup l = { .name = name };

	for_each_kernel_tracepoint(stp_tracepoint_match, &l);
	*tp = l.found;
	return l.found ? tracepoint_probe_register(l.found, fn, data) : -ENOENT;
}

static void stp_tracepoint_disarm(void *probes, unsigned int count)
{
	struct stp_tracepoint_probe *tps = probes;
	bool any = false;
	unsigned int i;

	for (i = 0; i < count; i++) {
		if (!tps[i].armed)
			continue;
		tracepoint_probe_unregister(tps[i].tp, stp_tracepoint_hit,
					    &tps[i]);
		tps[i].armed = false;
		any = true;
	}
	/* No handler may still be running when the module goes away. */
	if (any)
		tracepoint_synchronize_unregister();
}

static int stp_tracepoint_arm(void *probes, unsigned int count)
{
	struct stp_tracepoint_probe *tps = probes;
	unsigned int i;
	int ret;

	for (i = 0; i < count; i++) {
		struct stp_tracepoint_probe *t = &tps[i];
		char why[160];

		ret = stp_tracepoint_attach(t->name, stp_tracepoint_hit, t,
					    &t->tp);
		if (!ret) {
			t->armed = true;
			continue;
		}
		snprintf(why, sizeof(why),
			 "probe point %s: cannot register tracepoint '%s': %s (%d)",
			 t->probe->pp, t->name,
			 ret == -ENOENT ? "no such tracepoint in the kernel" :
			 ret == -EEXIST ? "already registered" :
			 ret == -ENOMEM ? "out of memory" :
					  "registration failed", ret);
		if (!stp_arm_refused(why, t->optional, &stp_tracepoint_unarmed))
			continue;
		stp_tracepoint_disarm(probes, i);
		return ret;
	}
	return 0;
}

const struct stp_provider stp_provider_tracepoint = {
	.name = "tracepoint",
	.kind = STP_PROVIDER_EVENT,
	.arm = stp_tracepoint_arm,
	.disarm = stp_tracepoint_disarm,
};
