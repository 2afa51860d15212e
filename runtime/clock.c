// SPDX-License-Identifier: GPL-2.0
/* Clocks; see clock.h. */

#include <linux/cpumask.h>
#include <linux/jiffies.h>
#include <linux/sched/clock.h>
#include <linux/timekeeping.h>
#include <linux/timex.h>
#include "clock.h"
#include "context.h"

s64 stp_time_real_ns(void)
{
	return ktime_get_real_fast_ns();
}

s64 stp_time_mono_ns(void)
{
	return ktime_get_mono_fast_ns();
}

s64 stp_local_clock_ns(void)
{
	return local_clock();
}

s64 stp_cpu_clock_ns(struct stp_context *c, s64 cpu)
{
	if (cpu < 0 || cpu >= nr_cpu_ids || !cpu_possible(cpu)) {
		stp_error_fmt(c, "cpu %lld does not exist", cpu);
		return 0;
	}
	return cpu_clock(cpu);
}

s64 stp_cycles(void)
{
	return get_cycles();
}

s64 stp_jiffies(void)
{
	return get_jiffies_64();
}

s64 stp_hz(void)
{
	return HZ;
}
