// SPDX-License-Identifier: GPL-2.0
/* Per-CPU statistics arrays; see pmap.h. */

#include <linux/cpumask.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include "context.h"
#include "pmap.h"
#include "prealloc.h"

int stp_pmap_init(struct stp_pmap *pm, const struct stp_map_desc *d)
{
	int cpu;

	pm->desc = d;
	if (stp_prealloc_charge(d->name, nr_cpu_ids * sizeof(*pm->cpu) +
				stp_stat_size(&d->stat)))
		return -E2BIG;
	pm->cpu = kcalloc(nr_cpu_ids, sizeof(*pm->cpu), GFP_KERNEL);
	pm->agg = stp_map_new(d);
	pm->one = kzalloc(stp_stat_size(&d->stat), GFP_KERNEL);
	if (!pm->cpu || !pm->agg || !pm->one)
		goto fail;
	for_each_possible_cpu(cpu) {
		pm->cpu[cpu] = stp_map_new(d);
		if (!pm->cpu[cpu])
			goto fail;
	}
	return 0;
fail:
	stp_pmap_free(pm);
	return -ENOMEM;
}

void stp_pmap_free(struct stp_pmap *pm)
{
	int cpu;

	if (pm->cpu)
		for_each_possible_cpu(cpu)
			stp_map_free(pm->cpu[cpu]);
	kfree(pm->cpu);
	stp_map_free(pm->agg);
	kfree(pm->one);
	pm->cpu = NULL;
	pm->agg = NULL;
	pm->one = NULL;
}

int stp_pmap_add(struct stp_context *c, struct stp_pmap *pm,
		 const struct stp_val *keys, s64 v)
{
	return stp_map_add_stat(c, pm->cpu[smp_processor_id()], keys, v);
}

const struct stp_stat *stp_pmap_get_stat(struct stp_pmap *pm,
					 const struct stp_val *keys)
{
	bool found = false;
	int cpu;

	stp_stat_clear(&pm->desc->stat, pm->one);
	for_each_possible_cpu(cpu) {
		const struct stp_stat *st = stp_map_get_stat(pm->cpu[cpu], keys);

		if (st) {
			stp_stat_merge(&pm->desc->stat, pm->one, st);
			found = true;
		}
	}
	return found ? pm->one : NULL;
}

bool stp_pmap_exists(struct stp_pmap *pm, const struct stp_val *keys)
{
	int cpu;

	for_each_possible_cpu(cpu)
		if (stp_map_exists(pm->cpu[cpu], keys))
			return true;
	return false;
}

struct stp_map *stp_pmap_aggregate(struct stp_context *c,
				   struct stp_pmap *pm)
{
	struct stp_val keys[STP_MAX_MAP_KEYS];
	struct stp_map_entry *e;
	int cpu;

	stp_map_clear(pm->agg);
	for_each_possible_cpu(cpu) {
		struct stp_map *m = pm->cpu[cpu];

		for (e = stp_map_first(m); e; e = stp_map_next(m, e)) {
			stp_map_entry_keys(m, e, keys);
			if (stp_map_merge_stat(c, pm->agg, keys,
					       stp_map_entry_stat(m, e)))
				return NULL;
		}
	}
	return pm->agg;
}

void stp_pmap_delete(struct stp_pmap *pm, const struct stp_val *keys)
{
	int cpu;

	for_each_possible_cpu(cpu)
		stp_map_delete(pm->cpu[cpu], keys);
	stp_map_delete(pm->agg, keys);
}

void stp_pmap_clear(struct stp_pmap *pm)
{
	int cpu;

	for_each_possible_cpu(cpu)
		stp_map_clear(pm->cpu[cpu]);
	stp_map_clear(pm->agg);
}
