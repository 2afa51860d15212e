/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A statistics array (global a; a[k] <<< v) kept per CPU: each CPU adds
 * to its own map, so `<<<` only needs the global's read lock and probes
 * on different CPUs never contend.  Readers (@count(a[k]), foreach, in,
 * delete) hold the write lock and merge the CPUs: one key at a time for
 * a lookup, the whole array into the aggregate map for a foreach.
 */
#ifndef STP_PMAP_H
#define STP_PMAP_H

#include "map.h"
#include "stat.h"

struct stp_context;

struct stp_pmap {
	const struct stp_map_desc *desc;
	struct stp_map **cpu;		/* by CPU number; NULL if impossible */
	struct stp_map *agg;		/* the last stp_pmap_aggregate() */
	struct stp_stat *one;		/* the last stp_pmap_get_stat() */
};

/* Module load: 0 or -ENOMEM / -EINVAL.  free tolerates a partial init. */
int stp_pmap_init(struct stp_pmap *pm, const struct stp_map_desc *d);
void stp_pmap_free(struct stp_pmap *pm);

/* a[k] <<< v from a probe (interrupts off): this CPU's map only. */
int stp_pmap_add(struct stp_context *c, struct stp_pmap *pm,
		 const struct stp_val *keys, s64 v);

/* One element merged over the CPUs; NULL when no CPU has it. */
const struct stp_stat *stp_pmap_get_stat(struct stp_pmap *pm,
					 const struct stp_val *keys);
bool stp_pmap_exists(struct stp_pmap *pm, const struct stp_val *keys);

/*
 * Every element merged into pm->agg, which foreach then iterates and
 * sorts; NULL with "Array overflow" set when the CPUs together hold more
 * distinct keys than the array may.
 */
struct stp_map *stp_pmap_aggregate(struct stp_context *c,
				   struct stp_pmap *pm);

void stp_pmap_delete(struct stp_pmap *pm, const struct stp_val *keys);
void stp_pmap_clear(struct stp_pmap *pm);

#endif /* STP_PMAP_H */
