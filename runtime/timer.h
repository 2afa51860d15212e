/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Timer probes.  timer.ns/us/ms/s(N) and timer.hz(N) use one hrtimer
 * each; timer.jiffies(N) a timer_list.  .randomize(R) adds a uniform
 * offset in [-R, R] (same unit) to each period.  timer.profile fires on
 * every CPU at HZ with the interrupted registers (timer_profile.c).
 */
#ifndef STP_TIMER_H
#define STP_TIMER_H

#include <linux/hrtimer.h>
#include <linux/timer.h>
#include <linux/types.h>
#include "probe.h"

enum stp_timer_unit {
	STP_TIMER_NS,
	STP_TIMER_US,
	STP_TIMER_MS,
	STP_TIMER_S,
	STP_TIMER_HZ,		/* interval is a frequency */
	STP_TIMER_JIFFIES,
};

struct stp_timer_probe {
	const struct stp_probe *probe;
	enum stp_timer_unit unit;
	u64 interval;
	u64 randomize;
	/* Runtime state, zero in the generated initializer. */
	struct hrtimer hrt;
	struct timer_list tl;
	u64 period_ns;
	u64 random_ns;
	bool stopping;
};

/* Descriptors: struct stp_timer_probe[]. */
extern const struct stp_provider stp_provider_timer;

/*
 * timer.profile[.tick] (hz 0: every tick) and timer.profile.freq.hz(N):
 * each probe has a pinned timer on every CPU.
 */
struct stp_profile_probe {
	const struct stp_probe *probe;
	u64 hz;
};

/* Descriptors: struct stp_profile_probe[]. */
extern const struct stp_provider stp_provider_timer_profile;

#endif /* STP_TIMER_H */
