/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf.type(N).config(M)[.sample(K)]: one kernel perf counter per online
 * CPU (CPUs brought online later are not covered), whose overflow every K
 * events (.hz(F): F times a second, the kernel adjusting the period)
 * runs the probe.  With .process, one counter on the -c/-x target
 * task instead, inherited by the children and threads it creates later.  Overflows of hardware events arrive in NMI,
 * where stp_probe_run may not run: they are handed to an irq_work and the
 * probe runs right after, without the interrupted registers; overflows
 * while one is still pending on that CPU are coalesced into it.
 */
#ifndef STP_PERF_H
#define STP_PERF_H

#include <linux/irq_work.h>
#include <linux/atomic.h>
#include <linux/types.h>
#include "probe.h"

struct perf_event;

/* One counter of one probe on one CPU. */
struct stp_perf_cpu {
	struct perf_event *event;
	struct irq_work work;		/* runs the probe after an NMI overflow */
	const struct stp_probe *probe;
};

struct stp_perf_probe {
	const struct stp_probe *probe;
	unsigned int type;		/* perf_event_attr.type */
	u64 config;			/* perf_event_attr.config */
	u64 sample_period;		/* with freq: samples a second */
	bool freq;			/* .hz(F) */
	bool target;			/* .process: the target task only */
	bool optional;			/* `?`: a refused arm is reported only */
	/* Runtime state, zero in the generated initializer. */
	struct stp_perf_cpu *cpus;	/* per CPU, or [0] for the target */
};

/* Optional probes the kernel refused, for the summary. */
extern atomic_t stp_perf_unarmed;

/* Descriptors: struct stp_perf_probe[]. */
extern const struct stp_provider stp_provider_perf;

#endif /* STP_PERF_H */
