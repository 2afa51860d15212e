// SPDX-License-Identifier: GPL-2.0
/* The generic associative array; see map.h. */

#include <linux/jhash.h>
#include <linux/kernel.h>
#include <linux/list_sort.h>
#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include "compat.h"
#include "context.h"
#include "map.h"
#include "prealloc.h"

struct stp_map {
	const struct stp_map_desc *desc;
	unsigned int max_entries;
	unsigned int count;
	size_t entry_size;
	size_t key_off[STP_MAX_MAP_KEYS];
	size_t value_off;
	unsigned int hash_mask;
	struct hlist_head *buckets;
	struct list_head used;
	struct list_head free;
	char *pool;
	/* The current sort, read by the list_sort() comparator. */
	int sort_column;
	int sort_dir;
	enum stp_stat_op sort_op;
};

static size_t stp_slot_size(u8 type, const struct stp_stat_desc *sd)
{
	switch (type) {
	case STP_TYPE_STRING:
		return ALIGN(MAXSTRINGLEN, 8);
	case STP_TYPE_STAT:
		return ALIGN(stp_stat_size(sd), 8);
	default:
		return sizeof(s64);
	}
}

static void *stp_slot(const struct stp_map *m, const struct stp_map_entry *e,
		      size_t off)
{
	return (char *)e->data + off;
}

struct stp_map *stp_map_new(const struct stp_map_desc *d)
{
	struct stp_map *m;
	size_t off = 0;
	unsigned int i;

	if (d->nkeys > STP_MAX_MAP_KEYS ||
	    (d->value_type == STP_TYPE_STAT && stp_stat_desc_check(&d->stat)))
		return NULL;
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return NULL;
	m->desc = d;
	m->max_entries = d->max_entries ? d->max_entries : MAXMAPENTRIES;
	for (i = 0; i < d->nkeys; i++) {
		m->key_off[i] = off;
		off += stp_slot_size(d->key_types[i], NULL);
	}
	m->value_off = off;
	off += stp_slot_size(d->value_type, &d->stat);
	m->entry_size = ALIGN(sizeof(struct stp_map_entry) + off, 8);
	m->hash_mask = roundup_pow_of_two(m->max_entries) - 1;
	if (stp_prealloc_charge(d->name,
				(u64)m->max_entries * m->entry_size +
				((u64)m->hash_mask + 1) * sizeof(*m->buckets))) {
		stp_map_free(m);
		return NULL;
	}
	m->buckets = vzalloc((m->hash_mask + 1) * sizeof(*m->buckets));
	m->pool = vzalloc((size_t)m->max_entries * m->entry_size);
	if (!m->buckets || !m->pool) {
		stp_map_free(m);
		return NULL;
	}
	INIT_LIST_HEAD(&m->used);
	INIT_LIST_HEAD(&m->free);
	for (i = 0; i < m->max_entries; i++) {
		struct stp_map_entry *e =
			(void *)(m->pool + (size_t)i * m->entry_size);

		list_add_tail(&e->lnode, &m->free);
	}
	return m;
}

void stp_map_free(struct stp_map *m)
{
	if (!m)
		return;
	vfree(m->pool);
	vfree(m->buckets);
	kfree(m);
}

static u32 stp_hash_keys(const struct stp_map *m, const struct stp_val *keys)
{
	u32 h = 0;
	unsigned int i;

	for (i = 0; i < m->desc->nkeys; i++) {
		if (m->desc->key_types[i] == STP_TYPE_STRING)
			h = jhash(keys[i].s,
				  strnlen(keys[i].s, MAXSTRINGLEN - 1), h);
		else
			h = jhash(&keys[i].n, sizeof(keys[i].n), h);
	}
	return h;
}

static bool stp_keys_equal(const struct stp_map *m,
			   const struct stp_map_entry *e,
			   const struct stp_val *keys)
{
	unsigned int i;

	for (i = 0; i < m->desc->nkeys; i++) {
		const void *slot = stp_slot(m, e, m->key_off[i]);

		if (m->desc->key_types[i] == STP_TYPE_STRING) {
			if (strncmp(slot, keys[i].s, MAXSTRINGLEN - 1))
				return false;
		} else if (*(const s64 *)slot != keys[i].n) {
			return false;
		}
	}
	return true;
}

static struct stp_map_entry *stp_lookup(struct stp_map *m,
					const struct stp_val *keys, u32 hash)
{
	struct stp_map_entry *e;

	hlist_for_each_entry(e, &m->buckets[hash & m->hash_mask], hnode)
		if (stp_keys_equal(m, e, keys))
			return e;
	return NULL;
}

struct stp_map_entry *stp_map_find(struct stp_map *m,
				   const struct stp_val *keys)
{
	return stp_lookup(m, keys, stp_hash_keys(m, keys));
}

static void stp_release(struct stp_map *m, struct stp_map_entry *e)
{
	hlist_del(&e->hnode);
	list_move(&e->lnode, &m->free);
	m->count--;
}

static struct stp_map_entry *stp_get_or_add(struct stp_context *c,
					    struct stp_map *m,
					    const struct stp_val *keys)
{
	u32 hash = stp_hash_keys(m, keys);
	struct stp_map_entry *e = stp_lookup(m, keys, hash);
	unsigned int i;

	if (e)
		return e;
	if (list_empty(&m->free)) {
		if (!m->desc->wrap || list_empty(&m->used)) {
			stp_error(c, "Array overflow, check MAXMAPENTRIES");
			return NULL;
		}
		stp_release(m, list_first_entry(&m->used,
						struct stp_map_entry, lnode));
	}
	e = list_first_entry(&m->free, struct stp_map_entry, lnode);
	memset(e->data, 0, m->entry_size - sizeof(*e));
	for (i = 0; i < m->desc->nkeys; i++) {
		void *slot = stp_slot(m, e, m->key_off[i]);

		if (m->desc->key_types[i] == STP_TYPE_STRING)
			strscpy(slot, keys[i].s, MAXSTRINGLEN);
		else
			*(s64 *)slot = keys[i].n;
	}
	hlist_add_head(&e->hnode, &m->buckets[hash & m->hash_mask]);
	list_move_tail(&e->lnode, &m->used);
	m->count++;
	return e;
}

bool stp_map_exists(struct stp_map *m, const struct stp_val *keys)
{
	return stp_map_find(m, keys) != NULL;
}

s64 stp_map_get_long(struct stp_map *m, const struct stp_val *keys)
{
	struct stp_map_entry *e = stp_map_find(m, keys);

	return e ? stp_map_entry_long(m, e) : 0;
}

const char *stp_map_get_str(struct stp_map *m, const struct stp_val *keys)
{
	struct stp_map_entry *e = stp_map_find(m, keys);

	return e ? stp_map_entry_str(m, e) : "";
}

const struct stp_stat *stp_map_get_stat(struct stp_map *m,
					const struct stp_val *keys)
{
	struct stp_map_entry *e = stp_map_find(m, keys);

	return e ? stp_map_entry_stat(m, e) : NULL;
}

int stp_map_set_long(struct stp_context *c, struct stp_map *m,
		     const struct stp_val *keys, s64 v)
{
	struct stp_map_entry *e = stp_get_or_add(c, m, keys);

	if (!e)
		return -1;
	*(s64 *)stp_slot(m, e, m->value_off) = v;
	return 0;
}

int stp_map_set_str(struct stp_context *c, struct stp_map *m,
		    const struct stp_val *keys, const char *s)
{
	struct stp_map_entry *e = stp_get_or_add(c, m, keys);

	if (!e)
		return -1;
	strscpy(stp_slot(m, e, m->value_off), s, MAXSTRINGLEN);
	return 0;
}

int stp_map_add_stat(struct stp_context *c, struct stp_map *m,
		     const struct stp_val *keys, s64 v)
{
	struct stp_map_entry *e = stp_get_or_add(c, m, keys);

	if (!e)
		return -1;
	stp_stat_add(&m->desc->stat, stp_slot(m, e, m->value_off), v);
	return 0;
}

int stp_map_merge_stat(struct stp_context *c, struct stp_map *m,
		       const struct stp_val *keys, const struct stp_stat *st)
{
	struct stp_map_entry *e = stp_get_or_add(c, m, keys);

	if (!e)
		return -1;
	stp_stat_merge(&m->desc->stat, stp_slot(m, e, m->value_off), st);
	return 0;
}

void stp_map_delete(struct stp_map *m, const struct stp_val *keys)
{
	struct stp_map_entry *e = stp_map_find(m, keys);

	if (e)
		stp_release(m, e);
}

void stp_map_clear(struct stp_map *m)
{
	while (!list_empty(&m->used))
		stp_release(m, list_first_entry(&m->used,
						struct stp_map_entry, lnode));
}

unsigned int stp_map_size(const struct stp_map *m)
{
	return m->count;
}

static int stp_cmp_long(s64 a, s64 b)
{
	return a < b ? -1 : a > b;
}

static int stp_map_cmp(void *priv, STP_LIST_CMP_CONST struct list_head *la,
		       STP_LIST_CMP_CONST struct list_head *lb)
{
	const struct stp_map *m = priv;
	const struct stp_map_entry *a =
		list_entry(la, struct stp_map_entry, lnode);
	const struct stp_map_entry *b =
		list_entry(lb, struct stp_map_entry, lnode);
	u8 type;
	size_t off;
	int r;

	if (m->sort_column == 0) {
		type = m->desc->value_type;
		off = m->value_off;
	} else {
		type = m->desc->key_types[m->sort_column - 1];
		off = m->key_off[m->sort_column - 1];
	}
	if (type == STP_TYPE_STRING) {
		r = strncmp(stp_slot(m, a, off), stp_slot(m, b, off),
			    MAXSTRINGLEN);
	} else if (type == STP_TYPE_STAT) {
		const struct stp_stat *sa = stp_slot(m, a, off);
		const struct stp_stat *sb = stp_slot(m, b, off);
		s64 va = 0, vb = 0;

		/* Empty statistics have no @min etc.: they sort as 0. */
		if (sa->count || m->sort_op <= STP_STAT_SUM)
			stp_stat_get(NULL, &m->desc->stat, sa, m->sort_op, &va);
		if (sb->count || m->sort_op <= STP_STAT_SUM)
			stp_stat_get(NULL, &m->desc->stat, sb, m->sort_op, &vb);
		r = stp_cmp_long(va, vb);
	} else {
		r = stp_cmp_long(*(const s64 *)stp_slot(m, a, off),
				 *(const s64 *)stp_slot(m, b, off));
	}
	return m->sort_dir < 0 ? -r : r;
}

void stp_map_sort(struct stp_map *m, int column, int dir,
		  enum stp_stat_op op)
{
	if (!dir || column < 0 || column > m->desc->nkeys)
		return;
	m->sort_column = column;
	m->sort_dir = dir;
	m->sort_op = op;
	list_sort(m, &m->used, stp_map_cmp);
}

struct stp_map_entry *stp_map_first(struct stp_map *m)
{
	return list_first_entry_or_null(&m->used, struct stp_map_entry,
					lnode);
}

struct stp_map_entry *stp_map_next(struct stp_map *m,
				   struct stp_map_entry *e)
{
	if (list_is_last(&e->lnode, &m->used))
		return NULL;
	return list_next_entry(e, lnode);
}

s64 stp_map_key_long(const struct stp_map *m, const struct stp_map_entry *e,
		     unsigned int i)
{
	return *(const s64 *)stp_slot(m, e, m->key_off[i]);
}

const char *stp_map_key_str(const struct stp_map *m,
			    const struct stp_map_entry *e, unsigned int i)
{
	return stp_slot(m, e, m->key_off[i]);
}

void stp_map_entry_keys(const struct stp_map *m, const struct stp_map_entry *e,
			struct stp_val *keys)
{
	unsigned int i;

	for (i = 0; i < m->desc->nkeys; i++) {
		if (m->desc->key_types[i] == STP_TYPE_STRING)
			keys[i] = STP_STR(stp_map_key_str(m, e, i));
		else
			keys[i] = STP_LONG(stp_map_key_long(m, e, i));
	}
}

s64 stp_map_entry_long(const struct stp_map *m, const struct stp_map_entry *e)
{
	return *(const s64 *)stp_slot(m, e, m->value_off);
}

const char *stp_map_entry_str(const struct stp_map *m,
			      const struct stp_map_entry *e)
{
	return stp_slot(m, e, m->value_off);
}

const struct stp_stat *stp_map_entry_stat(const struct stp_map *m,
					  const struct stp_map_entry *e)
{
	return stp_slot(m, e, m->value_off);
}
