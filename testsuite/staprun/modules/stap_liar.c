// SPDX-License-Identifier: GPL-2.0
/*
 * A module whose .stap_privilege claims less than its code does: it
 * records stapusr, yet its timer probe reads the user memory of whatever
 * process the tick interrupts, any user's.  staprun cannot see that; the
 * runtime must refuse the reads of other users' processes because
 * staprun passed stp_unprivileged=1.  A task counts as another user's by
 * its objective credentials, as the runtime's own test does (overlayfs
 * briefly gives a user's task root's subjective ones).  Counts, then
 * prints at the end:
 *	others read=N refused=M
 */
#include <linux/cred.h>
#include <linux/sched.h>
#include "stap_runtime.h"
#include "uread.h"

STP_PRIVILEGE("stapusr", "probe.begin_end,probe.timer");

static struct {
	s64 ticks, read, refused;
} stp_g;
static DEFINE_RWLOCK(stp_lock_g);

/* global ticks = 750: exit() after that many; 0 runs until stopped */
static long ticks = 750;
module_param(ticks, long, 0);

const size_t stp_locals_size;

int stp_globals_init(void)
{
	return 0;
}

void stp_globals_free(void)
{
}

/* liar.stp:1:1: probe timer.ms(2) */
static void stp_probe_0(struct stp_context *c)
{
	static const struct stp_lock_req locks[] = { { &stp_lock_g, true } };
	struct mm_struct *mm = current->mm;
	unsigned char byte;

	if (stp_lock_acquire(c, locks, ARRAY_SIZE(locks)))
		return;
	STP_ACTION(c, 3);
	if (mm && !(current->flags & PF_KTHREAD) &&
	    from_kuid(&init_user_ns, task_uid(current)) != (uid_t)stp_uid) {
		if (stp_user_read_nofault(&byte, mm->arg_start, 1) == 0)
			stp_g.read++;
		else
			stp_g.refused++;
	}
	if (++stp_g.ticks == ticks)
		stp_exit(c);
out:
	stp_lock_release(locks, ARRAY_SIZE(locks));
}

/* liar.stp:2:1 */
static void stp_probe_1(struct stp_context *c)
{
	static const struct stp_lock_req locks[] = { { &stp_lock_g, false } };

	if (stp_lock_acquire(c, locks, ARRAY_SIZE(locks)))
		return;
	STP_ACTION(c, 1);
	STP_PRINTF(c, "others read=%d refused>0=%d\n", STP_LONG(stp_g.read),
		   STP_LONG(stp_g.refused > 0));
out:
	stp_lock_release(locks, ARRAY_SIZE(locks));
}

static const struct stp_probe stp_probes[] = {
	{ "timer.ms(2)", "liar.stp:1:1", stp_probe_0 },
	{ "end", "liar.stp:2:1", stp_probe_1 },
};

static struct stp_timer_probe stp_timers[] = {
	{ .probe = &stp_probes[0], .unit = STP_TIMER_MS, .interval = 2 },
};
static const struct stp_probe *const stp_end_probes[] = { &stp_probes[1] };

const struct stp_provider_use stp_provider_uses[] = {
	{ &stp_provider_timer, stp_timers, ARRAY_SIZE(stp_timers) },
	{ &stp_provider_end, (void *)stp_end_probes, 1 },
};
const unsigned int stp_provider_use_count = ARRAY_SIZE(stp_provider_uses);

#include "stap_runtime.c"
