/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Statistics: the values fed with <<<, summarised as @count @sum @min
 * @max @avg @variance and optionally a linear or base-2 log histogram.
 * A scalar statistic global is kept per CPU (struct stp_pstat) so that
 * <<< only needs a read lock on the global; extractors aggregate the CPUs
 * and need the write lock.
 */
#ifndef STP_STAT_H
#define STP_STAT_H

#include <linux/types.h>
#include "config.h"

struct stp_context;

enum stp_hist_kind {
	STP_HIST_NONE,
	STP_HIST_LINEAR,	/* @hist_linear(v, start, stop, interval) */
	STP_HIST_LOG,		/* @hist_log(v) */
};

struct stp_stat_desc {
	enum stp_hist_kind hist;
	s64 start, stop, interval;	/* linear only */
	unsigned int shift;		/* @variance(s, N): N */
	/* Nothing reads the variance: <<< skips its arithmetic (a 64-bit
	 * division), and @variance is never asked of this statistic. */
	bool no_variance;
};

enum stp_stat_op {
	STP_STAT_COUNT,
	STP_STAT_SUM,
	STP_STAT_MIN,
	STP_STAT_MAX,
	STP_STAT_AVG,
	STP_STAT_VARIANCE,
};

struct stp_stat {
	s64 count;
	s64 sum;
	s64 min;
	s64 max;
	/*
	 * @variance as SystemTap computes it: Welford's online algorithm in
	 * 64-bit integers over the values added here (values shifted left
	 * by the descriptor's shift, truncating division), and for values
	 * merged in from other parts (CPUs) the sums that pool their
	 * variances around the overall mean at extraction.
	 */
	s64 own;		/* values added here, not merged */
	s64 mean_s;		/* Welford mean of those, scaled */
	s64 m2_s;		/* Welford sum of squared deviations, scaled */
	s64 pooled;		/* sum over merged parts: (n-1)*var + n*mean^2 */
	s64 pooled_mean;	/* sum over merged parts: n*mean */
	s64 buckets[];
};

/* Buckets and byte size a statistic with this descriptor needs. */
unsigned int stp_stat_nbuckets(const struct stp_stat_desc *d);
size_t stp_stat_size(const struct stp_stat_desc *d);
/* 0, or -EINVAL for a histogram the runtime refuses (module load). */
int stp_stat_desc_check(const struct stp_stat_desc *d);

void stp_stat_clear(const struct stp_stat_desc *d, struct stp_stat *st);
void stp_stat_add(const struct stp_stat_desc *d, struct stp_stat *st, s64 v);
void stp_stat_merge(const struct stp_stat_desc *d, struct stp_stat *dst,
		    const struct stp_stat *src);
/*
 * One extractor: 0 and *out, or -1 with "empty aggregate" set in @c for
 * @min @max @avg @variance of a statistic with no values.  @st may be
 * NULL (a missing map entry, from stp_map_get_stat): it is empty.
 */
int stp_stat_get(struct stp_context *c, const struct stp_stat_desc *d,
		 const struct stp_stat *st, enum stp_stat_op op, s64 *out);
/*
 * A histogram as an array of buckets: index 0 is the underflow bucket and
 * nbuckets-1 the overflow bucket of @hist_linear; @hist_log's 129 buckets
 * run from the most negative power of two through 0 (index 64) up.
 * @hist_*(s)[i]: 0 and the count, or -1 with "histogram index out of
 * range" set for an index outside [0, nbuckets).  @st may be NULL.
 */
int stp_stat_bucket(struct stp_context *c, const struct stp_stat_desc *d,
		    const struct stp_stat *st, s64 i, s64 *out);
/*
 * foreach over a histogram: the bucket after @prev (-1 for the first),
 * -1 after the last.  @column 0 orders by count (ties by index), 1 by
 * index; @dir 1 ascending, -1 descending, 0 index order.  O(buckets) a
 * step and no storage, so a sorted loop needs no buffer in the probe.
 */
int stp_stat_next_bucket(const struct stp_stat_desc *d,
			 const struct stp_stat *st, int prev, int column,
			 int dir);
/* print(@hist_linear(...)) / print(@hist_log(...)) */
void stp_stat_print_hist(struct stp_context *c, const struct stp_stat_desc *d,
			 const struct stp_stat *st);
/* sprint(@hist_*(...)): the same drawing into a MAXSTRINGLEN string. */
void stp_stat_sprint_hist(char *dst, const struct stp_stat_desc *d,
			  const struct stp_stat *st);

/* A scalar statistic global, one stp_stat per CPU plus an aggregate. */
struct stp_pstat {
	const struct stp_stat_desc *desc;
	struct stp_stat __percpu *cpu;
	struct stp_stat *agg;
};

int stp_pstat_init(struct stp_pstat *ps, const struct stp_stat_desc *d);
void stp_pstat_free(struct stp_pstat *ps);
/* <<< from a probe (interrupts off): this CPU's part only. */
void stp_pstat_add(struct stp_pstat *ps, s64 v);
/* Sum every CPU into ps->agg and return it (write lock held). */
struct stp_stat *stp_pstat_aggregate(struct stp_pstat *ps);
/* delete on the global (write lock held). */
void stp_pstat_clear(struct stp_pstat *ps);

#endif /* STP_STAT_H */
