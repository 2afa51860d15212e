// SPDX-License-Identifier: GPL-2.0
/*
 * The -t probe hit report (see probe_timing.h).  One line per probe that
 * ran, in SystemTap's format:
 *
 *   PP, (FILE:LINE:COL), hits: N, cycles: AminBavgCmax, variance: V,
 *   from: DERIVATION, index: I
 */

#ifdef STP_TIMING

#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/string.h>
#include <linux/timex.h>
#include "prealloc.h"
#include "probe.h"
#include "probe_timing.h"
#include "stat.h"
#include "transport.h"

/* Count, sum, min, max and variance; no histogram. */
static const struct stp_stat_desc stp_timing_desc = { .hist = STP_HIST_NONE };
static struct stp_stat __percpu *stp_timing_stats;

int stp_timing_alloc(void)
{
	size_t size = stp_stat_size(&stp_timing_desc) * stp_timed_probe_count;

	if (!size)
		return 0;
	if (stp_prealloc_charge("probe timing",
				(u64)size * num_possible_cpus()))
		return -E2BIG;
	stp_timing_stats = __alloc_percpu(size, 8);
	return stp_timing_stats ? 0 : -ENOMEM;
}

void stp_timing_free(void)
{
	free_percpu(stp_timing_stats);
	stp_timing_stats = NULL;
}

void stp_timing_record(const struct stp_probe *p, u64 start)
{
	u64 cycles = get_cycles() - start;

	if (!stp_timing_stats || p->index >= stp_timed_probe_count)
		return;
	stp_stat_add(&stp_timing_desc,
		     this_cpu_ptr(stp_timing_stats) + p->index, (s64)cycles);
}

static void stp_timing_write(const char *s)
{
	stp_transport_write(s, strlen(s));
}

static void stp_timing_line(const struct stp_probe *p, struct stp_stat *st)
{
	s64 min, avg, max, var;
	char nums[160];

	stp_stat_get(NULL, &stp_timing_desc, st, STP_STAT_MIN, &min);
	stp_stat_get(NULL, &stp_timing_desc, st, STP_STAT_AVG, &avg);
	stp_stat_get(NULL, &stp_timing_desc, st, STP_STAT_MAX, &max);
	stp_stat_get(NULL, &stp_timing_desc, st, STP_STAT_VARIANCE, &var);
	stp_timing_write(p->pp);
	stp_timing_write(", (");
	stp_timing_write(p->location);
	scnprintf(nums, sizeof(nums),
		  "), hits: %lld, cycles: %lldmin/%lldavg/%lldmax, "
		  "variance: %lld, from: ",
		  st->count, min, avg, max, var);
	stp_timing_write(nums);
	stp_timing_write(p->derivation ? p->derivation : p->pp);
	scnprintf(nums, sizeof(nums), ", index: %u\n", p->index);
	stp_timing_write(nums);
}

void stp_timing_report(void)
{
	/* Static: the merged statistic is too big for a kernel stack frame
	 * budget we want to keep small, and the report runs once. */
	static struct stp_stat merged;
	unsigned int i;
	int cpu;

	if (!stp_timing_stats)
		return;
	stp_timing_write("----- probe hit report:\n");
	for (i = 0; i < stp_timed_probe_count; i++) {
		stp_stat_clear(&stp_timing_desc, &merged);
		for_each_possible_cpu(cpu)
			stp_stat_merge(&stp_timing_desc, &merged,
				       per_cpu_ptr(stp_timing_stats, cpu) + i);
		if (merged.count)
			stp_timing_line(stp_timed_probes[i], &merged);
	}
}

#endif /* STP_TIMING */
