/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Who loaded the module, and what it was compiled for.
 *
 * staprun passes the reserved parameters stp_unprivileged, stp_uid and
 * stp_gid, and refuses user options naming them.  Fail-safe defaults: a
 * module inserted without them (bare insmod) behaves as unprivileged and
 * belongs to nobody (uid/gid -1).  Set at all, all three must be set
 * exactly once (stp_params_check), or the module refuses to load.
 */
#ifndef STP_PRIVILEGE_H
#define STP_PRIVILEGE_H

#include <linux/compiler.h>
#include <linux/types.h>

extern int stp_unprivileged;
extern int stp_uid;
extern int stp_gid;

/* Module init: 0, or -EINVAL when the reserved parameters are not all
 * unset or all set once. */
int stp_params_check(void);

static inline bool stp_is_unprivileged(void)
{
	return stp_unprivileged != 0;
}

/*
 * The .stap_privilege ELF section, read by staprun before insertion:
 *   "level=stapusr\nactions=probe.begin_end,probe.timer\n"
 * @level is stapusr, stapsys or stapdev; @actions a comma-separated list.
 * Generated code expands this once, at file scope.  The runtime reads the
 * same record (stp_module_has_action), so what staprun checked is what the
 * module allows itself.
 */
extern const char stp_privilege_record[];
#define STP_PRIVILEGE(level, actions)                                   \
	const char stp_privilege_record[] __used __aligned(1)            \
		__section(".stap_privilege") =                           \
		"level=" level "\nactions=" actions "\n"

/* Whether the module's record lists @action ("memory.kernel.read"). */
bool stp_module_has_action(const char *action);

#endif /* STP_PRIVILEGE_H */
