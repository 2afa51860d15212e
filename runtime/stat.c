// SPDX-License-Identifier: GPL-2.0
/* Statistics and histograms; see stat.h. */

#include <linux/cpumask.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "config.h"
#include "context.h"
#include "format.h"
#include "prealloc.h"
#include "print.h"
#include "stat.h"

static unsigned int stp_linear_inner(const struct stp_stat_desc *d)
{
	return div64_u64(d->stop - d->start + d->interval - 1, d->interval);
}

int stp_stat_desc_check(const struct stp_stat_desc *d)
{
	if (d->hist != STP_HIST_LINEAR)
		return 0;
	if (d->interval <= 0 || d->stop <= d->start ||
	    div64_u64(d->stop - d->start, d->interval) > STP_MAX_HIST_BUCKETS)
		return -EINVAL;
	return 0;
}

unsigned int stp_stat_nbuckets(const struct stp_stat_desc *d)
{
	switch (d->hist) {
	case STP_HIST_LINEAR:
		/* Underflow and overflow buckets around the range. */
		return stp_linear_inner(d) + 2;
	case STP_HIST_LOG:
		return STP_LOG_BUCKETS;
	default:
		return 0;
	}
}

size_t stp_stat_size(const struct stp_stat_desc *d)
{
	return sizeof(struct stp_stat) + stp_stat_nbuckets(d) * sizeof(s64);
}

void stp_stat_clear(const struct stp_stat_desc *d, struct stp_stat *st)
{
	memset(st, 0, stp_stat_size(d));
}

static unsigned int stp_bucket(const struct stp_stat_desc *d, s64 v)
{
	unsigned int inner;

	if (d->hist == STP_HIST_LOG) {
		if (v == 0)
			return 64;
		if (v > 0)
			return 65 + ilog2((u64)v);
		return 63 - ilog2(-(u64)v);
	}
	inner = stp_linear_inner(d);
	if (v < d->start)
		return 0;
	if ((u64)(v - d->start) >= (u64)inner * d->interval)
		return inner + 1;
	return 1 + div64_u64(v - d->start, d->interval);
}

/* Welford's step on the scaled value; u64 for defined wrap-around. */
static void stp_variance_add(const struct stp_stat_desc *d,
			     struct stp_stat *st, s64 v)
{
	s64 x = (s64)((u64)v << d->shift);
	s64 delta = (s64)((u64)x - (u64)st->mean_s);

	st->own++;
	st->mean_s = (s64)((u64)st->mean_s + (u64)div64_s64(delta, st->own));
	st->m2_s = (s64)((u64)st->m2_s +
			 (u64)delta * ((u64)x - (u64)st->mean_s));
}

/* One part's share of the pooled sums: (n-1)*var + n*mean^2, n*mean. */
static void stp_variance_part(const struct stp_stat *st, u64 *pooled,
			      u64 *pooled_mean)
{
	s64 n = st->own;
	s64 var = n > 1 ? div64_s64(st->m2_s, n - 1) : 0;

	*pooled = (u64)st->pooled + (u64)(n - 1) * (u64)var +
		  (u64)n * (u64)st->mean_s * (u64)st->mean_s;
	*pooled_mean = (u64)st->pooled_mean + (u64)n * (u64)st->mean_s;
}

/*
 * The parts' variances pooled around the overall mean:
 * (sum (n_i-1)*var_i + n_i*(mean_i - mean)^2) / (n-1), expanded so the
 * parts can be summed as they are merged (exact modulo 2^64, as the
 * per-part form is), then unscaled.
 */
static s64 stp_variance(const struct stp_stat_desc *d,
			const struct stp_stat *st)
{
	u64 pooled, pooled_mean, mean, m2;
	unsigned int shift = d ? d->shift : 0;
	s64 n = st->count;

	if (n < 2)
		return 0;
	stp_variance_part(st, &pooled, &pooled_mean);
	mean = div64_s64((s64)((u64)st->sum << shift), n);
	m2 = pooled - 2 * mean * pooled_mean + mean * mean * (u64)n;
	/* Two shifts: one of 2*shift could exceed 63. */
	return (div64_s64((s64)m2, n - 1) >> shift) >> shift;
}

void stp_stat_add(const struct stp_stat_desc *d, struct stp_stat *st, s64 v)
{
	if (st->count == 0 || v < st->min)
		st->min = v;
	if (st->count == 0 || v > st->max)
		st->max = v;
	st->count++;
	st->sum += v;
	if (!d->no_variance)
		stp_variance_add(d, st, v);
	if (d->hist != STP_HIST_NONE)
		st->buckets[stp_bucket(d, v)]++;
}

void stp_stat_merge(const struct stp_stat_desc *d, struct stp_stat *dst,
		    const struct stp_stat *src)
{
	unsigned int i, nb = stp_stat_nbuckets(d);
	u64 pooled, pooled_mean;

	if (!src->count)
		return;
	if (dst->count == 0 || src->min < dst->min)
		dst->min = src->min;
	if (dst->count == 0 || src->max > dst->max)
		dst->max = src->max;
	dst->count += src->count;
	dst->sum += src->sum;
	stp_variance_part(src, &pooled, &pooled_mean);
	dst->pooled = (s64)((u64)dst->pooled + pooled);
	dst->pooled_mean = (s64)((u64)dst->pooled_mean + pooled_mean);
	for (i = 0; i < nb; i++)
		dst->buckets[i] += src->buckets[i];
}

int stp_stat_get(struct stp_context *c, const struct stp_stat_desc *d,
		 const struct stp_stat *st, enum stp_stat_op op, s64 *out)
{
	s64 n = st ? st->count : 0;

	if (op == STP_STAT_COUNT) {
		*out = n;
		return 0;
	}
	if (op == STP_STAT_SUM) {
		*out = n ? st->sum : 0;
		return 0;
	}
	if (n == 0) {
		stp_error(c, "empty aggregate");
		return -1;
	}
	switch (op) {
	case STP_STAT_MIN:
		*out = st->min;
		break;
	case STP_STAT_MAX:
		*out = st->max;
		break;
	case STP_STAT_AVG:
		*out = div64_s64(st->sum, n);
		break;
	default:
		*out = stp_variance(d, st);
		break;
	}
	return 0;
}

int stp_stat_bucket(struct stp_context *c, const struct stp_stat_desc *d,
		    const struct stp_stat *st, s64 i, s64 *out)
{
	if (i < 0 || i >= stp_stat_nbuckets(d)) {
		stp_error(c, "histogram index out of range");
		return -1;
	}
	*out = st ? st->buckets[i] : 0;
	return 0;
}

/* Is bucket @a before bucket @b in the foreach order? */
static bool stp_bucket_before(const struct stp_stat *st, int a, int b,
			      int column, int dir)
{
	s64 ca = st ? st->buckets[a] : 0, cb = st ? st->buckets[b] : 0;

	if (column == 0 && dir && ca != cb)
		return dir > 0 ? ca < cb : ca > cb;
	if (column != 0 && dir < 0)
		return a > b;
	return a < b;
}

int stp_stat_next_bucket(const struct stp_stat_desc *d,
			 const struct stp_stat *st, int prev, int column,
			 int dir)
{
	int nb = stp_stat_nbuckets(d), best = -1, i;

	for (i = 0; i < nb; i++) {
		if (prev >= 0 && !stp_bucket_before(st, prev, i, column, dir))
			continue;
		if (best < 0 || stp_bucket_before(st, i, best, column, dir))
			best = i;
	}
	return best;
}

static int stp_hist_label(const struct stp_stat_desc *d, unsigned int i,
			  unsigned int nb, char *buf, size_t size)
{
	if (d->hist == STP_HIST_LOG) {
		if (i == 64)
			return scnprintf(buf, size, "0");
		if (i > 64)
			return scnprintf(buf, size, "%llu", 1ULL << (i - 65));
		if (i == 0)
			return scnprintf(buf, size, "-9223372036854775808");
		return scnprintf(buf, size, "-%llu", 1ULL << (63 - i));
	}
	if (i == 0)
		return scnprintf(buf, size, "<%lld", (long long)d->start);
	if (i == nb - 1)
		return scnprintf(buf, size, ">=%lld",
				 (long long)(d->start +
					     (s64)(nb - 2) * d->interval));
	return scnprintf(buf, size, "%lld",
			 (long long)(d->start + (s64)(i - 1) * d->interval));
}

static void stp_hist_repeat(struct stp_sink *out, char ch, int n)
{
	while (n-- > 0)
		stp_sink_put(out, &ch, 1);
}

#define STP_HIST_PUT(out, fmt, ...)                                       \
	do {                                                              \
		const struct stp_val stp_args_[] = { __VA_ARGS__ };       \
		stp_format((out), (fmt), stp_args_, ARRAY_SIZE(stp_args_)); \
	} while (0)

static void stp_hist_row(struct stp_sink *out, const struct stp_stat_desc *d,
			 const struct stp_stat *st, unsigned int i,
			 unsigned int nb, int lw, int cw, s64 max)
{
	s64 n = st->buckets[i];
	/* SystemTap's scale: one '@' per count while the largest count fits
	 * the width, else counts divided by ceil(max / HIST_WIDTH). */
	s64 per_at = max <= HIST_WIDTH ? 1 :
		     div64_s64(max + HIST_WIDTH - 1, HIST_WIDTH);
	int bar = (int)div64_s64(n, per_at);
	char label[32];

	stp_hist_label(d, i, nb, label, sizeof(label));
	STP_HIST_PUT(out, "%*s |", STP_LONG(lw), STP_STR(label));
	stp_hist_repeat(out, '@', bar);
	stp_hist_repeat(out, ' ', HIST_WIDTH - bar);
	STP_HIST_PUT(out, " %*lld\n", STP_LONG(cw), STP_LONG(n));
}

/*
 * SystemTap-style ASCII histogram: rows from the first to the last
 * non-empty bucket widened by HIST_ELISION empty ones, and runs of more
 * than 2*HIST_ELISION empty buckets inside shown as "~".  A NULL or
 * empty statistic prints the header only.
 */
static void stp_hist_draw(struct stp_sink *out, const struct stp_stat_desc *d,
			  const struct stp_stat *st)
{
	unsigned int nb = stp_stat_nbuckets(d);
	int lo = -1, hi = -1, i, lw = 5, cw = 1, elide = HIST_ELISION;
	int first_inner = 0, last_inner = nb - 1;
	s64 max = 0;
	char label[32], num[24];

	if (!nb)
		return;
	for (i = 0; st && i < (int)nb; i++) {
		if (st->buckets[i]) {
			if (lo < 0)
				lo = i;
			hi = i;
			max = max(max, st->buckets[i]);
		}
	}
	if (d->hist == STP_HIST_LINEAR) {
		/* Padding never adds an empty underflow/overflow row. */
		first_inner = 1;
		last_inner = nb - 2;
	} else if (lo >= 0) {
		/* Nor crosses zero into a sign with no values. */
		if (lo >= 64)
			first_inner = 64;
		if (hi <= 64)
			last_inner = 64;
	}
	if (lo < 0) {
		lo = first_inner;
		hi = first_inner - 1;
	} else if (elide < 0) {
		lo = min(lo, first_inner);
		hi = max(hi, last_inner);
	} else {
		lo = min(lo, max(lo - elide, first_inner));
		hi = max(hi, min(hi + elide, last_inner));
	}
	for (i = lo; i <= hi; i++)
		lw = max(lw, stp_hist_label(d, i, nb, label, sizeof(label)));
	cw = scnprintf(num, sizeof(num), "%lld", (long long)max);

	STP_HIST_PUT(out, "%*s |", STP_LONG(lw), STP_STR("value"));
	stp_hist_repeat(out, '-', HIST_WIDTH);
	stp_sink_put(out, " count\n", 7);
	for (i = lo; i <= hi; i++) {
		int run = 0, k;

		while (elide >= 0 && i + run <= hi && !st->buckets[i + run])
			run++;
		/* Padding runs are at most elide long; only inner ones go. */
		if (run > 2 * elide) {
			for (k = 0; k < elide; k++)
				stp_hist_row(out, d, st, i + k, nb, lw, cw, max);
			if (elide > 0)
				stp_sink_put(out, "~\n", 2);
			i += run - elide - 1;
			continue;
		}
		stp_hist_row(out, d, st, i, nb, lw, cw, max);
	}
	stp_sink_put(out, "\n", 1);
}

void stp_stat_print_hist(struct stp_context *c, const struct stp_stat_desc *d,
			 const struct stp_stat *st)
{
	struct stp_sink out;

	stp_print_sink_init(&out, c);
	stp_hist_draw(&out, d, st);
	stp_print_sink_done(&out, c);
}

void stp_stat_sprint_hist(char *dst, const struct stp_stat_desc *d,
			  const struct stp_stat *st)
{
	struct stp_sink out;

	stp_string_sink(&out, dst, MAXSTRINGLEN);
	stp_hist_draw(&out, d, st);
	stp_string_sink_end(&out);
}

int stp_pstat_init(struct stp_pstat *ps, const struct stp_stat_desc *d)
{
	size_t size = stp_stat_size(d);

	if (stp_stat_desc_check(d))
		return -EINVAL;
	if (stp_prealloc_charge("a statistic",
				(u64)size * (num_possible_cpus() + 1)))
		return -E2BIG;
	ps->desc = d;
	ps->cpu = __alloc_percpu(size, 8);
	ps->agg = kzalloc(size, GFP_KERNEL);
	if (!ps->cpu || !ps->agg) {
		stp_pstat_free(ps);
		return -ENOMEM;
	}
	return 0;
}

void stp_pstat_free(struct stp_pstat *ps)
{
	free_percpu(ps->cpu);
	kfree(ps->agg);
	ps->cpu = NULL;
	ps->agg = NULL;
}

void stp_pstat_add(struct stp_pstat *ps, s64 v)
{
	stp_stat_add(ps->desc, this_cpu_ptr(ps->cpu), v);
}

struct stp_stat *stp_pstat_aggregate(struct stp_pstat *ps)
{
	int cpu;

	stp_stat_clear(ps->desc, ps->agg);
	for_each_possible_cpu(cpu)
		stp_stat_merge(ps->desc, ps->agg, per_cpu_ptr(ps->cpu, cpu));
	return ps->agg;
}

void stp_pstat_clear(struct stp_pstat *ps)
{
	int cpu;

	for_each_possible_cpu(cpu)
		stp_stat_clear(ps->desc, per_cpu_ptr(ps->cpu, cpu));
	stp_stat_clear(ps->desc, ps->agg);
}
