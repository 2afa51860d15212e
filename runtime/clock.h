/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Clocks for the time tapset.  A probe may fire inside the timekeeping
 * code itself, with its sequence count held for writing, so wall and
 * monotonic time come from the NMI-safe "fast" accessors, which never
 * wait for a writer.
 */
#ifndef STP_CLOCK_H
#define STP_CLOCK_H

#include <linux/types.h>

struct stp_context;

/* Nanoseconds since the Unix epoch. */
s64 stp_time_real_ns(void);
/* Nanoseconds since boot, never going backwards. */
s64 stp_time_mono_ns(void);
/* This CPU's scheduler clock: fast, not comparable across CPUs. */
s64 stp_local_clock_ns(void);
/* Another CPU's scheduler clock; an error for a CPU that does not exist. */
s64 stp_cpu_clock_ns(struct stp_context *c, s64 cpu);
s64 stp_cycles(void);
s64 stp_jiffies(void);
s64 stp_hz(void);
/* The local time zone staprun passed (params.c): seconds west of UTC,
 * and its name ("UTC" when none was given). */
s64 stp_time_zone_west(void);
const char *stp_time_zone_name(void);

#endif /* STP_CLOCK_H */
