// SPDX-License-Identifier: GPL-2.0
/*
 * As generated for (maps.stp):
 *	global a[10], s, h, lat, wrap[2]%
 *	probe begin {
 *		a["x", 1] = 10; a["y", 2] = 30; a["z", 3] = 20
 *		foreach ([k, n] in a- limit 2) printf("%s,%d=%d\n", k, n, a[k, n])
 *		foreach ([k, n] in a+) printf("%s,%d=%d\n", k, n, a[k, n])
 *		foreach ([k-, n] in a) printf("%s ", k); println("")
 *		delete a["y", 2]; printf("size=%d exists=%d\n", ...)
 *		foreach (v in [1, 2, 3, 4, 8, 100]) s <<< v
 *		printf("count=%d sum=%d min=%d max=%d avg=%d var=%d\n", @count(s), ...)
 *		print(@hist_log(s))
 *		foreach (v in [5, 15, 15, 45, -3, 60]) h <<< v
 *		print(@hist_linear(h, 0, 50, 10))
 *		lat["read"] <<< 5; lat["read"] <<< 7; lat["write"] <<< 1
 *		foreach ([op] in lat @sum-) printf("%s %d %d\n", op, ...)
 *		printf("none count=%d\n", @count(lat["none"]))
 *		wrap[1] = "a"; wrap[2] = "b"; wrap[3] = "c"  (oldest evicted)
 *		printf formats ...
 *		exit()
 *	}
 */
#include "stap_runtime.h"

STP_PRIVILEGE("stapdev", "probe.begin_end,memory.kernel.read");

static const char stp_memtest[] = "memtest";

static const struct stp_map_desc stp_desc_a = {
	.name = "a", .nkeys = 2,
	.key_types = { STP_TYPE_STRING, STP_TYPE_LONG },
	.value_type = STP_TYPE_LONG, .max_entries = 10,
};
static const struct stp_stat_desc stp_desc_s = { .hist = STP_HIST_LOG };
static const struct stp_stat_desc stp_desc_h = {
	.hist = STP_HIST_LINEAR, .start = 0, .stop = 50, .interval = 10,
};
static const struct stp_map_desc stp_desc_lat = {
	.name = "lat", .nkeys = 1, .key_types = { STP_TYPE_STRING },
	.value_type = STP_TYPE_STAT,
};
static const struct stp_map_desc stp_desc_wrap = {
	.name = "wrap", .nkeys = 1, .key_types = { STP_TYPE_LONG },
	.value_type = STP_TYPE_STRING, .max_entries = 2, .wrap = true,
};

static struct stp_map *stp_a, *stp_lat, *stp_wrap;
static struct stp_pstat stp_s, stp_h;
static DEFINE_RWLOCK(stp_lock_all);

union stp_locals {
	struct {
		struct stp_map_entry *e;
		s64 n, v;
		char buf[MAXSTRINGLEN];
	} probe_0;
};
const size_t stp_locals_size = sizeof(union stp_locals);

int stp_globals_init(void)
{
	stp_a = stp_map_new(&stp_desc_a);
	stp_lat = stp_map_new(&stp_desc_lat);
	stp_wrap = stp_map_new(&stp_desc_wrap);
	if (!stp_a || !stp_lat || !stp_wrap ||
	    stp_pstat_init(&stp_s, &stp_desc_s) ||
	    stp_pstat_init(&stp_h, &stp_desc_h)) {
		stp_globals_free();
		return -ENOMEM;
	}
	return 0;
}

void stp_globals_free(void)
{
	stp_map_free(stp_a);
	stp_map_free(stp_lat);
	stp_map_free(stp_wrap);
	stp_pstat_free(&stp_s);
	stp_pstat_free(&stp_h);
	stp_a = stp_lat = stp_wrap = NULL;
}

static void stp_print_a(struct stp_context *c)
{
	struct stp_map_entry *e;

	for (e = stp_map_first(stp_a); e; e = stp_map_next(stp_a, e))
		STP_PRINTF(c, "%s,%d=%d\n",
			   STP_STR(stp_map_key_str(stp_a, e, 0)),
			   STP_LONG(stp_map_key_long(stp_a, e, 1)),
			   STP_LONG(stp_map_entry_long(stp_a, e)));
}

/* maps.stp:2:1 */
static void stp_probe_0(struct stp_context *c)
{
	static const struct stp_lock_req locks[] = { { &stp_lock_all, true } };
	static const s64 svals[] = { 1, 2, 3, 4, 8, 100 };
	static const s64 hvals[] = { 5, 15, 15, 45, -3, 60 };
	typeof(((union stp_locals *)0)->probe_0) *l = (void *)c->locals;
	struct stp_stat *agg;
	unsigned int i;
	s64 v;

	if (stp_lock_acquire(c, locks, ARRAY_SIZE(locks)))
		return;
	STP_ACTION(c, 3);
	STP_STMT(c, "identifier 'a' at maps.stp:3:2");
	STP_TRY(stp_map_set_long(c, stp_a, (struct stp_val[]){ STP_STR("x"), STP_LONG(1) }, 10));
	STP_TRY(stp_map_set_long(c, stp_a, (struct stp_val[]){ STP_STR("y"), STP_LONG(2) }, 30));
	STP_TRY(stp_map_set_long(c, stp_a, (struct stp_val[]){ STP_STR("z"), STP_LONG(3) }, 20));

	/* foreach ([k, n] in a- limit 2) */
	stp_map_sort(stp_a, 0, -1, STP_STAT_COUNT);
	for (l->e = stp_map_first(stp_a), l->n = 0; l->e && l->n < 2;
	     l->e = stp_map_next(stp_a, l->e), l->n++) {
		STP_ACTION(c, 1);
		STP_PRINTF(c, "%s,%d=%d\n",
			   STP_STR(stp_map_key_str(stp_a, l->e, 0)),
			   STP_LONG(stp_map_key_long(stp_a, l->e, 1)),
			   STP_LONG(stp_map_entry_long(stp_a, l->e)));
	}
	stp_print_str(c, "--\n");
	stp_map_sort(stp_a, 0, 1, STP_STAT_COUNT);
	stp_print_a(c);
	stp_print_str(c, "--\n");
	stp_map_sort(stp_a, 1, -1, STP_STAT_COUNT);
	for (l->e = stp_map_first(stp_a); l->e;
	     l->e = stp_map_next(stp_a, l->e))
		STP_PRINTF(c, "%s ", STP_STR(stp_map_key_str(stp_a, l->e, 0)));
	stp_print_str(c, "\n");
	stp_map_delete(stp_a, (struct stp_val[]){ STP_STR("y"), STP_LONG(2) });
	STP_PRINTF(c, "size=%d exists=%d,%d get=%d\n",
		   STP_LONG(stp_map_size(stp_a)),
		   STP_LONG(stp_map_exists(stp_a, (struct stp_val[]){ STP_STR("y"), STP_LONG(2) })),
		   STP_LONG(stp_map_exists(stp_a, (struct stp_val[]){ STP_STR("x"), STP_LONG(1) })),
		   STP_LONG(stp_map_get_long(stp_a, (struct stp_val[]){ STP_STR("q"), STP_LONG(0) })));

	for (i = 0; i < ARRAY_SIZE(svals); i++)
		stp_pstat_add(&stp_s, svals[i]);
	agg = stp_pstat_aggregate(&stp_s);
	STP_PRINTF(c, "count=%d sum=%d ",
		   STP_LONG(agg->count), STP_LONG(agg->sum));
	STP_TRY(stp_stat_get(c, &stp_desc_s, agg, STP_STAT_MIN, &v));
	STP_PRINTF(c, "min=%d ", STP_LONG(v));
	STP_TRY(stp_stat_get(c, &stp_desc_s, agg, STP_STAT_MAX, &v));
	STP_PRINTF(c, "max=%d ", STP_LONG(v));
	STP_TRY(stp_stat_get(c, &stp_desc_s, agg, STP_STAT_AVG, &v));
	STP_PRINTF(c, "avg=%d ", STP_LONG(v));
	STP_TRY(stp_stat_get(c, &stp_desc_s, agg, STP_STAT_VARIANCE, &v));
	STP_PRINTF(c, "var=%d\n", STP_LONG(v));
	stp_stat_print_hist(c, &stp_desc_s, agg);

	for (i = 0; i < ARRAY_SIZE(hvals); i++)
		stp_pstat_add(&stp_h, hvals[i]);
	stp_stat_print_hist(c, &stp_desc_h, stp_pstat_aggregate(&stp_h));

	STP_TRY(stp_map_add_stat(c, stp_lat, (struct stp_val[]){ STP_STR("write") }, 1));
	STP_TRY(stp_map_add_stat(c, stp_lat, (struct stp_val[]){ STP_STR("read") }, 5));
	STP_TRY(stp_map_add_stat(c, stp_lat, (struct stp_val[]){ STP_STR("read") }, 7));
	stp_map_sort(stp_lat, 0, -1, STP_STAT_SUM);
	for (l->e = stp_map_first(stp_lat); l->e;
	     l->e = stp_map_next(stp_lat, l->e)) {
		const struct stp_stat *st = stp_map_entry_stat(stp_lat, l->e);

		STP_PRINTF(c, "%s %d %d\n",
			   STP_STR(stp_map_key_str(stp_lat, l->e, 0)),
			   STP_LONG(st->count), STP_LONG(st->sum));
	}

	/* A missing entry is an empty statistic. */
	STP_TRY(stp_stat_get(c, &stp_desc_lat.stat, stp_map_get_stat(stp_lat, (struct stp_val[]){ STP_STR("none") }),
			     STP_STAT_COUNT, &v));
	STP_PRINTF(c, "none count=%d\n", STP_LONG(v));

	STP_TRY(stp_map_set_str(c, stp_wrap, (struct stp_val[]){ STP_LONG(1) }, "a"));
	STP_TRY(stp_map_set_str(c, stp_wrap, (struct stp_val[]){ STP_LONG(2) }, "b"));
	STP_TRY(stp_map_set_str(c, stp_wrap, (struct stp_val[]){ STP_LONG(3) }, "c"));
	stp_map_sort(stp_wrap, 1, 1, STP_STAT_COUNT);
	for (l->e = stp_map_first(stp_wrap); l->e;
	     l->e = stp_map_next(stp_wrap, l->e))
		STP_PRINTF(c, "wrap[%d]=%s\n",
			   STP_LONG(stp_map_key_long(stp_wrap, l->e, 0)),
			   STP_STR(stp_map_entry_str(stp_wrap, l->e)));

	/* Strings: bounded copy and concatenation. */
	stp_str_copy(l->buf, "abc");
	stp_str_concat(l->buf, l->buf, "def");
	stp_str_concat(l->buf, "<", l->buf);
	stp_str_append(l->buf, ">");
	STP_PRINTF(c, "%s cmp=%d\n", STP_STR(l->buf),
		   STP_LONG(stp_str_cmp("a", "b") < 0));

	STP_PRINTF(c, "[%5d|%-5d|%05d|%+d|% d|%i]\n", STP_LONG(42),
		   STP_LONG(42), STP_LONG(42), STP_LONG(42), STP_LONG(42),
		   STP_LONG(-7));
	STP_PRINTF(c, "[%x|%X|%#x|%o|%#o|%u|%d]\n", STP_LONG(255),
		   STP_LONG(255), STP_LONG(255), STP_LONG(8), STP_LONG(8),
		   STP_LONG(-1), STP_LONG(S64_MIN));
	STP_PRINTF(c, "[%s|%10s|%-10s|%.3s|%*d|%-*d|%.*s]\n", STP_STR("abc"),
		   STP_STR("abc"), STP_STR("abc"), STP_STR("abcdef"),
		   STP_LONG(6), STP_LONG(7), STP_LONG(4), STP_LONG(7),
		   STP_LONG(2), STP_STR("xyz"));
	STP_PRINTF(c, "[%c%c|%p|%%|%5.2d|%-8p|%#o]\n", STP_LONG('A'),
		   STP_LONG('B'), STP_LONG(0x1234), STP_LONG(3),
		   STP_LONG(0xab), STP_LONG(0));
	STP_PRINTF(c, "[%4b|%1b]\n", STP_LONG(0x44434241), STP_LONG('!'));
	STP_PRINTF(c, "[%.4m|%.2M|%6.1M|%q]\n",
		   STP_LONG((long)stp_memtest), STP_LONG((long)stp_memtest),
		   STP_LONG((long)stp_memtest));
	stp_sprintf(l->buf, 8, "%s-%d", (struct stp_val[]){ STP_STR("truncated"), STP_LONG(1) }, 2);
	STP_PRINTF(c, "sprintf=%s\n", STP_STR(l->buf));
	stp_exit(c);
out:
	stp_lock_release(locks, ARRAY_SIZE(locks));
}

static const struct stp_probe stp_probes[] = {
	{ "begin", "maps.stp:2:1", stp_probe_0 },
};
static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0] };

const struct stp_provider_use stp_provider_uses[] = {
	{ &stp_provider_begin, (void *)stp_begin_probes, 1 },
};
const unsigned int stp_provider_use_count = ARRAY_SIZE(stp_provider_uses);

#include "stap_runtime.c"
