// SPDX-License-Identifier: GPL-2.0
/* Skipped probe hits by cause; see skip_reasons.h. */

#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include "skip_reasons.h"
#include "transport.h"

#define STP_SKIP_GLOBALS 32

static struct {
	const char *name;
	atomic_t count;
} stp_lock_skips[STP_SKIP_GLOBALS];
static atomic_t stp_lock_skips_other = ATOMIC_INIT(0);
static atomic_t stp_reentrancy_skips = ATOMIC_INIT(0);
static atomic_t stp_missing_entry_skips = ATOMIC_INIT(0);

void stp_skip_lock_timeout(const char *name)
{
	unsigned int i;

	if (!name)
		name = "?";
	for (i = 0; i < STP_SKIP_GLOBALS; i++) {
		const char *cur = READ_ONCE(stp_lock_skips[i].name);

		if (!cur)
			cur = cmpxchg(&stp_lock_skips[i].name, NULL, name) ?: name;
		if (cur == name || !strcmp(cur, name)) {
			atomic_inc(&stp_lock_skips[i].count);
			return;
		}
	}
	atomic_inc(&stp_lock_skips_other);
}

void stp_skip_reentrancy(void)
{
	atomic_inc(&stp_reentrancy_skips);
}

void stp_skip_missing_entry(void)
{
	atomic_inc(&stp_missing_entry_skips);
}

static void stp_skip_line(const char *what, int n)
{
	char line[128];

	if (!n)
		return;
	snprintf(line, sizeof(line), "Skipped due to %s: %d", what, n);
	stp_transport_msg("warning", line, NULL);
}

void stp_skip_reasons_report(void)
{
	char what[96];
	unsigned int i;

	for (i = 0; i < STP_SKIP_GLOBALS; i++) {
		const char *name = READ_ONCE(stp_lock_skips[i].name);

		if (!name)
			break;
		snprintf(what, sizeof(what), "global '%s' lock timeout", name);
		stp_skip_line(what, atomic_read(&stp_lock_skips[i].count));
	}
	stp_skip_line("global lock timeout (other globals)",
		      atomic_read(&stp_lock_skips_other));
	stp_skip_line("reentrancy", atomic_read(&stp_reentrancy_skips));
	stp_skip_line("missing entry record of a return probe",
		      atomic_read(&stp_missing_entry_skips));
}
