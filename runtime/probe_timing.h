/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stap -t: how often each probe ran and what its handler cost, in cycles,
 * printed at the end of the session as SystemTap's "probe hit report".
 * The cost is the one the overload guard already measures (context.c);
 * each CPU keeps its own statistics, merged only for the report.
 *
 * A module built with -t is compiled with -DSTP_TIMING and its generated
 * code lists every probe in stp_timed_probes[], each with its index
 * there; without STP_TIMING all of this compiles to nothing.
 */
#ifndef STP_PROBE_TIMING_H
#define STP_PROBE_TIMING_H

#include <linux/types.h>

struct stp_probe;

#ifdef STP_TIMING
extern const struct stp_probe *const stp_timed_probes[];
extern const unsigned int stp_timed_probe_count;

/* Module load and unload: the per-CPU statistics. */
int stp_timing_alloc(void);
void stp_timing_free(void);
/*
 * From the probe epilogue, interrupts off: one run of @p, begun at
 * get_cycles() @start, ended now.  The clock is read here so that a
 * module without -t does not read it for nothing on every hit.
 */
void stp_timing_record(const struct stp_probe *p, u64 start);
/* At the end of the session, no probe running: the report, as output. */
void stp_timing_report(void);
#else
static inline int stp_timing_alloc(void)
{
	return 0;
}
static inline void stp_timing_free(void)
{
}
static inline void stp_timing_record(const struct stp_probe *p, u64 start)
{
}
static inline void stp_timing_report(void)
{
}
#endif

#endif /* STP_PROBE_TIMING_H */
