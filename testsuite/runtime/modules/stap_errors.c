// SPDX-License-Identifier: GPL-2.0
/*
 * As generated with -D MAXERRORS=4 for (errors.stp):
 *	global zero, m[3]
 *	function f(n) { return n ? f(n - 1) : 0 }
 *	probe begin { x = 1 / zero }                          # error 1
 *	probe begin { while (1) {} }                          # error 2
 *	probe begin { for (i = 0; i < 4; i++) m[i] = i }      # error 3
 *	probe begin { f(100) }                                # error 4
 *	probe begin { error("boom") }     # error 5 > MAXERRORS: session fails
 *	probe begin { println("begin not reached") }
 *	probe end { println("end not reached") }
 *	probe error { println("error probe ran") }
 */
#define MAXERRORS 4
#include "stap_runtime.h"

STP_PRIVILEGE("stapusr", "probe.begin_end");

static s64 stp_zero;
static struct stp_map *stp_m;
static DEFINE_RWLOCK(stp_lock_zero);
static DEFINE_RWLOCK(stp_lock_m);
static const struct stp_map_desc stp_desc_m = {
	.name = "m", .nkeys = 1, .key_types = { STP_TYPE_LONG },
	.value_type = STP_TYPE_LONG, .max_entries = 3,
};

struct stp_frame_f {
	s64 n;
	s64 ret;
};

union stp_locals {
	struct {
		s64 x;
	} probe_0;
	struct {
		s64 i;
	} probe_2;
	struct {
		struct stp_frame_f f[MAXNESTING + 1];
	} probe_3;
};
const size_t stp_locals_size = sizeof(union stp_locals);

int stp_globals_init(void)
{
	stp_m = stp_map_new(&stp_desc_m);
	return stp_m ? 0 : -ENOMEM;
}

void stp_globals_free(void)
{
	stp_map_free(stp_m);
}

/* errors.stp:2:1; frames indexed by nesting depth, in the context. */
static s64 stp_function_f(struct stp_context *c, s64 n)
{
	struct stp_frame_f *fr;
	s64 ret = 0;

	if (stp_nesting_enter(c))
		return 0;
	fr = &((union stp_locals *)c->locals)->probe_3.f[c->nesting];
	fr->n = n;
	STP_ACTION(c, 1);
	STP_STMT(c, "identifier 'f' at errors.stp:2:33");
	if (fr->n) {
		fr->ret = stp_function_f(c, fr->n - 1);
		STP_CHECK(c);
		ret = fr->ret;
	}
out:
	stp_nesting_exit(c);
	return ret;
}

static void stp_probe_0(struct stp_context *c)
{
	static const struct stp_lock_req locks[] = {
		{ &stp_lock_zero, false },
	};
	typeof(((union stp_locals *)0)->probe_0) *l = (void *)c->locals;

	if (stp_lock_acquire(c, locks, ARRAY_SIZE(locks)))
		return;
	STP_ACTION(c, 1);
	STP_STMT(c, "operator '/' at errors.stp:3:21");
	STP_TRY(stp_div(c, 1, stp_zero, &l->x));
out:
	stp_lock_release(locks, ARRAY_SIZE(locks));
}

static void stp_probe_1(struct stp_context *c)
{
	STP_STMT(c, "keyword at errors.stp:4:15");
	for (;;)
		STP_ACTION(c, 1);
out:
	return;
}

static void stp_probe_2(struct stp_context *c)
{
	static const struct stp_lock_req locks[] = { { &stp_lock_m, true } };
	typeof(((union stp_locals *)0)->probe_2) *l = (void *)c->locals;

	if (stp_lock_acquire(c, locks, ARRAY_SIZE(locks)))
		return;
	for (l->i = 0; l->i < 4; l->i++) {
		STP_ACTION(c, 1);
		STP_STMT(c, "identifier 'm' at errors.stp:5:38");
		STP_TRY(stp_map_set_long(c, stp_m,
					 (struct stp_val[]){ STP_LONG(l->i) },
					 l->i));
	}
out:
	stp_lock_release(locks, ARRAY_SIZE(locks));
}

static void stp_probe_3(struct stp_context *c)
{
	STP_ACTION(c, 1);
	stp_function_f(c, 100);
	STP_CHECK(c);
out:
	return;
}

static void stp_probe_4(struct stp_context *c)
{
	STP_ACTION(c, 1);
	STP_STMT(c, "identifier 'error' at errors.stp:7:15");
	stp_script_error(c, "boom");
	goto out;
out:
	return;
}

static void stp_probe_5(struct stp_context *c)
{
	stp_print_str(c, "begin not reached\n");
}

static void stp_probe_6(struct stp_context *c)
{
	stp_print_str(c, "end not reached\n");
}

static void stp_probe_7(struct stp_context *c)
{
	stp_print_str(c, "error probe ran\n");
}

static const struct stp_probe stp_probes[] = {
	{ "begin", "errors.stp:3:1", stp_probe_0 },
	{ "begin", "errors.stp:4:1", stp_probe_1 },
	{ "begin", "errors.stp:5:1", stp_probe_2 },
	{ "begin", "errors.stp:6:1", stp_probe_3 },
	{ "begin", "errors.stp:7:1", stp_probe_4 },
	{ "begin", "errors.stp:8:1", stp_probe_5 },
	{ "end", "errors.stp:9:1", stp_probe_6 },
	{ "error", "errors.stp:10:1", stp_probe_7 },
};
static const struct stp_probe *const stp_begin_probes[] = {
	&stp_probes[0], &stp_probes[1], &stp_probes[2],
	&stp_probes[3], &stp_probes[4], &stp_probes[5],
};
static const struct stp_probe *const stp_end_probes[] = { &stp_probes[6] };
static const struct stp_probe *const stp_error_probes[] = { &stp_probes[7] };

const struct stp_provider_use stp_provider_uses[] = {
	{ &stp_provider_begin, (void *)stp_begin_probes, 6 },
	{ &stp_provider_end, (void *)stp_end_probes, 1 },
	{ &stp_provider_error, (void *)stp_error_probes, 1 },
};
const unsigned int stp_provider_use_count = ARRAY_SIZE(stp_provider_uses);

#include "stap_runtime.c"
