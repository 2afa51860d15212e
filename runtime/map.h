/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Associative arrays: one generic hash map driven by a descriptor of up
 * to STP_MAX_MAP_KEYS long/string keys and a long, string or statistic
 * value.  Entries come from a pool preallocated at module load, so a
 * probe never allocates; a full map is a run-time error ("Array
 * overflow"), or, for a wrapping array (global a[N]%), evicts its oldest
 * entry.  Keys are passed as arrays of struct stp_val.  The caller holds
 * the global's lock.
 */
#ifndef STP_MAP_H
#define STP_MAP_H

#include <linux/list.h>
#include <linux/types.h>
#include "config.h"
#include "format.h"
#include "stat.h"

struct stp_context;

enum stp_type {
	STP_TYPE_LONG = 1,
	STP_TYPE_STRING,
	STP_TYPE_STAT,
};

struct stp_map_desc {
	const char *name;
	u8 nkeys;
	u8 key_types[STP_MAX_MAP_KEYS];	/* STP_TYPE_LONG or STP_TYPE_STRING */
	u8 value_type;
	bool wrap;			/* evict the oldest entry when full */
	unsigned int max_entries;	/* 0: MAXMAPENTRIES */
	struct stp_stat_desc stat;	/* STP_TYPE_STAT values */
};

struct stp_map_entry {
	struct hlist_node hnode;
	struct list_head lnode;		/* iteration order, or the free list */
	u64 data[];			/* keys, then the value */
};

struct stp_map;

struct stp_map *stp_map_new(const struct stp_map_desc *d);
void stp_map_free(struct stp_map *m);

/* Reads: a missing entry reads as 0, "" or an empty statistic. */
struct stp_map_entry *stp_map_find(struct stp_map *m,
				   const struct stp_val *keys);
bool stp_map_exists(struct stp_map *m, const struct stp_val *keys);
s64 stp_map_get_long(struct stp_map *m, const struct stp_val *keys);
const char *stp_map_get_str(struct stp_map *m, const struct stp_val *keys);
/* NULL if there is no entry: treat as an empty statistic. */
const struct stp_stat *stp_map_get_stat(struct stp_map *m,
					const struct stp_val *keys);

/* Writes: 0, or -1 with "Array overflow, check MAXMAPENTRIES" set. */
int stp_map_set_long(struct stp_context *c, struct stp_map *m,
		     const struct stp_val *keys, s64 v);
int stp_map_set_str(struct stp_context *c, struct stp_map *m,
		    const struct stp_val *keys, const char *s);
int stp_map_add_stat(struct stp_context *c, struct stp_map *m,
		     const struct stp_val *keys, s64 v);
/* Merge a whole statistic into an element (per-CPU aggregation). */
int stp_map_merge_stat(struct stp_context *c, struct stp_map *m,
		       const struct stp_val *keys, const struct stp_stat *st);
void stp_map_delete(struct stp_map *m, const struct stp_val *keys);
void stp_map_clear(struct stp_map *m);
unsigned int stp_map_size(const struct stp_map *m);

/*
 * foreach: stp_map_sort() orders the entries; then
 *   for (e = stp_map_first(m), n = 0; e && n < limit;
 *        e = stp_map_next(m, e), n++)
 * @column: 0 sorts by value (by @op for statistics), 1..nkeys by that
 * key; @dir: 1 ascending, -1 descending, 0 leaves the order alone.
 * The map must not change during the loop (the translator forbids it).
 */
void stp_map_sort(struct stp_map *m, int column, int dir,
		  enum stp_stat_op op);
struct stp_map_entry *stp_map_first(struct stp_map *m);
struct stp_map_entry *stp_map_next(struct stp_map *m,
				   struct stp_map_entry *e);
s64 stp_map_key_long(const struct stp_map *m, const struct stp_map_entry *e,
		     unsigned int i);
const char *stp_map_key_str(const struct stp_map *m,
			    const struct stp_map_entry *e, unsigned int i);
/* The entry's keys as stp_vals (strings point into the entry). */
void stp_map_entry_keys(const struct stp_map *m, const struct stp_map_entry *e,
			struct stp_val *keys);
s64 stp_map_entry_long(const struct stp_map *m, const struct stp_map_entry *e);
const char *stp_map_entry_str(const struct stp_map *m,
			      const struct stp_map_entry *e);
const struct stp_stat *stp_map_entry_stat(const struct stp_map *m,
					  const struct stp_map_entry *e);

#endif /* STP_MAP_H */
