/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel.trace("GROUP:NAME") probes: a callback on one of vmlinux's
 * tracepoints, found by name with for_each_kernel_tracepoint and attached
 * with tracepoint_probe_register; a module's tracepoint through
 * register_tracepoint_module_notifier, whenever that module is loaded.
 * The handler's arguments are the
 * tracepoint's; the probe reads them as $name through stp_arg
 * (c->args), since a tracepoint has no registers to read.
 */
#ifndef STP_TRACEPOINTS_H
#define STP_TRACEPOINTS_H

#include <linux/tracepoint.h>
#include <linux/types.h>
#include "probe.h"

/* Arguments a handler receives, the most any tracepoint of the supported
 * kernels has (writeback:balance_dirty_pages, ras:mc_event): the
 * translator refuses the 13th and up (kMaxTracepointArgs). */
#define STP_TRACEPOINT_ARGS 12

struct stp_tracepoint_probe {
	const struct stp_probe *probe;
	const char *name;	/* "sched_switch" (the group is not needed) */
        /* The module defining it ("9pnet"), NULL for vmlinux's: armed while
         * that module is loaded, before or after the session starts. */
        const char *module;
        bool optional; /* "?" or a wildcard's module tracepoint: not armed
                        * is counted, not fatal */
        /* Runtime state, zero in the generated initializer. */
        struct tracepoint *tp;
	bool armed;
	bool ever_armed;	/* a module's: reported at the end if never */
};

/* Descriptors: struct stp_tracepoint_probe[]. */
extern const struct stp_provider stp_provider_tracepoint;

/*
 * Attaches @fn(@data, args...) to vmlinux's tracepoint @name, found by
 * name; @tp receives it for tracepoint_probe_unregister().  0, -ENOENT
 * when there is no such tracepoint, or the registration's -errno.
 * Other providers (the task finder) hook the scheduler's events with it.
 */
int stp_tracepoint_attach(const char *name, void *fn, void *data,
			  struct tracepoint **tp);

/* For the exit summary. */
extern atomic_t stp_tracepoint_unarmed;

#endif /* STP_TRACEPOINTS_H */
