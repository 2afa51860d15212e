// SPDX-License-Identifier: GPL-2.0
/*
 * As generated for:
 *	global stop_after = 5, ms, jiffies, profile, hz
 *	probe timer.ms(20) { ms++; if (stop_after && ms == stop_after) {
 *		println("stopping after ", ms, " ticks") exit() } }
 *	probe timer.jiffies(2).randomize(1) { jiffies++ }
 *	probe timer.us(700).randomize(200) { }
 *	probe timer.hz(200) { hz++ }
 *	probe timer.profile { profile++ }
 *	probe end { printf("ms>=%d jiffies>0=%d hz>0=%d profile>0=%d target=%d\n",
 *		ms >= stop_after, jiffies > 0, hz > 0, profile > 0, target() > 0) }
 * stop_after is settable as a module option, as script globals are.
 */
#include "stap_runtime.h"

STP_PRIVILEGE("stapdev", "probe.begin_end,probe.timer,probe.timer.profile");

static long stop_after = 5;
module_param(stop_after, long, 0);

static struct {
	s64 ms, jiffies, hz, profile;
} stp_g;
static DEFINE_RWLOCK(stp_lock_ms);
static DEFINE_RWLOCK(stp_lock_jiffies);
static DEFINE_RWLOCK(stp_lock_hz);
static DEFINE_RWLOCK(stp_lock_profile);
static DEFINE_RWLOCK(stp_lock_stop_after);

const size_t stp_locals_size;

int stp_globals_init(void)
{
	return 0;
}

void stp_globals_free(void)
{
}

/* timers.stp:2:1 */
static void stp_probe_0(struct stp_context *c)
{
	static const struct stp_lock_req locks[] = {
		{ &stp_lock_stop_after, false }, { &stp_lock_ms, true },
	};

	if (stp_lock_acquire(c, locks, ARRAY_SIZE(locks)))
		return;
	STP_ACTION(c, 2);
	stp_g.ms++;
	if (stop_after && stp_g.ms == stop_after) {
		STP_ACTION(c, 2);
		STP_PRINTF(c, "stopping after %d ticks\n", STP_LONG(stp_g.ms));
		stp_exit(c);
	}
out:
	stp_lock_release(locks, ARRAY_SIZE(locks));
}

static void stp_probe_1(struct stp_context *c)
{
	static const struct stp_lock_req locks[] = {
		{ &stp_lock_jiffies, true },
	};

	if (stp_lock_acquire(c, locks, ARRAY_SIZE(locks)))
		return;
	STP_ACTION(c, 1);
	stp_g.jiffies++;
out:
	stp_lock_release(locks, ARRAY_SIZE(locks));
}

static void stp_probe_2(struct stp_context *c)
{
	STP_ACTION(c, 0);
out:
	return;
}

static void stp_probe_3(struct stp_context *c)
{
	static const struct stp_lock_req locks[] = { { &stp_lock_hz, true } };

	if (stp_lock_acquire(c, locks, ARRAY_SIZE(locks)))
		return;
	STP_ACTION(c, 1);
	stp_g.hz++;
out:
	stp_lock_release(locks, ARRAY_SIZE(locks));
}

static void stp_probe_4(struct stp_context *c)
{
	static const struct stp_lock_req locks[] = {
		{ &stp_lock_profile, true },
	};

	if (stp_lock_acquire(c, locks, ARRAY_SIZE(locks)))
		return;
	STP_ACTION(c, 1);
	stp_g.profile++;
out:
	stp_lock_release(locks, ARRAY_SIZE(locks));
}

static void stp_probe_5(struct stp_context *c)
{
	static const struct stp_lock_req locks[] = {
		{ &stp_lock_stop_after, false }, { &stp_lock_ms, false },
		{ &stp_lock_jiffies, false }, { &stp_lock_hz, false },
		{ &stp_lock_profile, false },
	};

	if (stp_lock_acquire(c, locks, ARRAY_SIZE(locks)))
		return;
	STP_ACTION(c, 1);
	STP_PRINTF(c, "ms>=%d jiffies>0=%d hz>0=%d profile>0=%d target=%d\n",
		   STP_LONG(stp_g.ms >= stop_after),
		   STP_LONG(stp_g.jiffies > 0), STP_LONG(stp_g.hz > 0),
		   STP_LONG(stp_g.profile > 0),
		   STP_LONG(stp_target_pid() > 0));
out:
	stp_lock_release(locks, ARRAY_SIZE(locks));
}

static const struct stp_probe stp_probes[] = {
	{ "timer.ms(20)", "timers.stp:2:1", stp_probe_0 },
	{ "timer.jiffies(2).randomize(1)", "timers.stp:4:1", stp_probe_1 },
	{ "timer.us(700).randomize(200)", "timers.stp:5:1", stp_probe_2 },
	{ "timer.hz(200)", "timers.stp:6:1", stp_probe_3 },
	{ "timer.profile", "timers.stp:7:1", stp_probe_4 },
	{ "end", "timers.stp:8:1", stp_probe_5 },
};

static struct stp_timer_probe stp_timers[] = {
	{ .probe = &stp_probes[0], .unit = STP_TIMER_MS, .interval = 20 },
	{ .probe = &stp_probes[1], .unit = STP_TIMER_JIFFIES, .interval = 2,
	  .randomize = 1 },
	{ .probe = &stp_probes[2], .unit = STP_TIMER_US, .interval = 700,
	  .randomize = 200 },
	{ .probe = &stp_probes[3], .unit = STP_TIMER_HZ, .interval = 200 },
};
static const struct stp_probe *const stp_profile_list[] = { &stp_probes[4] };
static const struct stp_probe *const stp_end_probes[] = { &stp_probes[5] };

const struct stp_provider_use stp_provider_uses[] = {
	{ &stp_provider_timer, stp_timers, ARRAY_SIZE(stp_timers) },
	{ &stp_provider_timer_profile, (void *)stp_profile_list, 1 },
	{ &stp_provider_end, (void *)stp_end_probes, 1 },
};
const unsigned int stp_provider_use_count = ARRAY_SIZE(stp_provider_uses);

#include "stap_runtime.c"
