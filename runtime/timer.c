// SPDX-License-Identifier: GPL-2.0
/* timer.{ns,us,ms,s,hz,jiffies}(N)[.randomize(R)]; see timer.h. */

#include <linux/hrtimer.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/random.h>
#include <linux/timer.h>
#include "compat.h"
#include "config.h"
#include "session.h"
#include "timer.h"

static u64 stp_timer_to_ns(enum stp_timer_unit unit, u64 v)
{
	switch (unit) {
	case STP_TIMER_US:
		return v * NSEC_PER_USEC;
	case STP_TIMER_MS:
		return v * NSEC_PER_MSEC;
	case STP_TIMER_S:
		return v * NSEC_PER_SEC;
	case STP_TIMER_HZ:
		return v ? div64_u64(NSEC_PER_SEC, v) : NSEC_PER_SEC;
	default:
		return v;
	}
}

/* The next period: base plus a uniform offset in [-random, random]. */
static u64 stp_timer_next(u64 base, u64 random, u64 floor)
{
	s64 period = base;

	if (random)
		period += (s64)(stp_random_u32() % (2 * random + 1)) -
			  (s64)random;
	return max_t(s64, period, floor);
}

static enum hrtimer_restart stp_hrtimer_fn(struct hrtimer *h)
{
	struct stp_timer_probe *t = container_of(h, struct stp_timer_probe,
						 hrt);

	stp_probe_run(t->probe, STP_SESSION_RUNNING, NULL);
	hrtimer_forward_now(h, ns_to_ktime(stp_timer_next(t->period_ns,
							   t->random_ns,
							   STP_TIMER_MIN_NS)));
	return HRTIMER_RESTART;
}

static void stp_jiffies_fn(struct timer_list *tl)
{
	struct stp_timer_probe *t = stp_timer_from(t, tl, tl);

	stp_probe_run(t->probe, STP_SESSION_RUNNING, NULL);
	if (!READ_ONCE(t->stopping))
		mod_timer(tl, jiffies + stp_timer_next(t->interval,
						       t->randomize, 1));
}

static int stp_timer_arm(void *probes, unsigned int count)
{
	struct stp_timer_probe *timers = probes;
	unsigned int i;

	for (i = 0; i < count; i++) {
		struct stp_timer_probe *t = &timers[i];

		t->stopping = false;
		if (t->unit == STP_TIMER_JIFFIES) {
			timer_setup(&t->tl, stp_jiffies_fn, 0);
			mod_timer(&t->tl, jiffies + stp_timer_next(t->interval,
								   t->randomize,
								   1));
			continue;
		}
		t->period_ns = stp_timer_to_ns(t->unit, t->interval);
		t->random_ns = t->unit == STP_TIMER_HZ ? 0 :
			stp_timer_to_ns(t->unit, t->randomize);
		stp_hrtimer_setup(&t->hrt, stp_hrtimer_fn, CLOCK_MONOTONIC,
				  HRTIMER_MODE_REL);
		hrtimer_start(&t->hrt,
			      ns_to_ktime(stp_timer_next(t->period_ns,
							 t->random_ns,
							 STP_TIMER_MIN_NS)),
			      HRTIMER_MODE_REL);
	}
	return 0;
}

static void stp_timer_disarm(void *probes, unsigned int count)
{
	struct stp_timer_probe *timers = probes;
	unsigned int i;

	for (i = 0; i < count; i++) {
		struct stp_timer_probe *t = &timers[i];

		if (t->unit == STP_TIMER_JIFFIES) {
			/* The callback re-arms itself unless told to stop. */
			WRITE_ONCE(t->stopping, true);
			stp_timer_shutdown_sync(&t->tl);
		} else {
			hrtimer_cancel(&t->hrt);
		}
	}
}

const struct stp_provider stp_provider_timer = {
	.name = "timer",
	.kind = STP_PROVIDER_EVENT,
	.arm = stp_timer_arm,
	.disarm = stp_timer_disarm,
};
