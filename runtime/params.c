// SPDX-License-Identifier: GPL-2.0
/*
 * The reserved module parameters; see privilege.h for the fail-safe rule.
 *
 * Each one counts how often the kernel set it.  Linux keeps the last of
 * duplicates, so a parameter list that names one twice, or sets one but
 * not the others (a list cut short by a smuggled "--"), was not written
 * by staprun: the load is refused.
 */

#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include "clock.h"
#include "config.h"
#include "privilege.h"
#include "transport.h"

int stp_unprivileged = 1;
int stp_uid = -1;
int stp_gid = -1;

static unsigned int stp_unprivileged_sets, stp_uid_sets, stp_gid_sets;

static int stp_param_set_once(const char *val, const struct kernel_param *kp,
			      unsigned int *sets, int max)
{
	int v, ret;

	if (++*sets > 1) {
		pr_err("stap: parameter %s given more than once\n", kp->name);
		return -EINVAL;
	}
	ret = kstrtoint(val, 10, &v);
	if (ret || v < 0 || v > max)
		return -EINVAL;
	*(int *)kp->arg = v;
	return 0;
}

static int stp_set_unprivileged(const char *val, const struct kernel_param *kp)
{
	return stp_param_set_once(val, kp, &stp_unprivileged_sets, 1);
}

static int stp_set_uid(const char *val, const struct kernel_param *kp)
{
	return stp_param_set_once(val, kp, &stp_uid_sets, INT_MAX);
}

static int stp_set_gid(const char *val, const struct kernel_param *kp)
{
	return stp_param_set_once(val, kp, &stp_gid_sets, INT_MAX);
}

static const struct kernel_param_ops stp_unprivileged_ops = {
	.set = stp_set_unprivileged,
	.get = param_get_int,
};
static const struct kernel_param_ops stp_uid_ops = {
	.set = stp_set_uid,
	.get = param_get_int,
};
static const struct kernel_param_ops stp_gid_ops = {
	.set = stp_set_gid,
	.get = param_get_int,
};

module_param_cb(stp_unprivileged, &stp_unprivileged_ops, &stp_unprivileged,
		0444);
MODULE_PARM_DESC(stp_unprivileged, "0 only when loaded by a privileged user");
module_param_cb(stp_uid, &stp_uid_ops, &stp_uid, 0444);
MODULE_PARM_DESC(stp_uid, "real uid of the user who loaded the module");
module_param_cb(stp_gid, &stp_gid_ops, &stp_gid, 0444);

/* The caller's time zone, from staprun (informational: tz_ctime()). */
static long stp_tz_gmtoff;
static char stp_tz_name[16] = "UTC";
module_param(stp_tz_gmtoff, long, 0444);
module_param_string(stp_tz_name, stp_tz_name, sizeof(stp_tz_name), 0444);

/* staprun -b MB: the output buffer's size for this load (0: STP_BUFSIZE). */
static unsigned int stp_bufsize_mb;
module_param(stp_bufsize_mb, uint, 0444);
MODULE_PARM_DESC(stp_bufsize_mb, "output buffer in MB (staprun -b)");

size_t stp_bufsize(void)
{
	return stp_bufsize_mb ? (size_t)stp_bufsize_mb << 20 : STP_BUFSIZE;
}

s64 stp_time_zone_west(void)
{
	return stp_tz_gmtoff;
}

const char *stp_time_zone_name(void)
{
	return stp_tz_name;
}
MODULE_PARM_DESC(stp_gid, "real gid of the user who loaded the module");

int stp_params_check(void)
{
	unsigned int sets = stp_unprivileged_sets + stp_uid_sets + stp_gid_sets;

	/* Kernel memory every user shares: as stap -s, only stapdev may ask
	 * for more than the module was built with. */
	if (stp_bufsize_mb > 4095 ||
	    (stp_is_unprivileged() && stp_bufsize() > STP_BUFSIZE)) {
		pr_err("stap: stp_bufsize_mb=%u (staprun -b) is more than the module's %u MB buffer, which needs stapdev, or more than 4095\n",
		       stp_bufsize_mb, (unsigned int)(STP_BUFSIZE >> 20));
		return -EPERM;
	}
	/* None: a bare insmod, unprivileged and nobody's (the defaults). */
	if (sets == 0 || (stp_unprivileged_sets == 1 && stp_uid_sets == 1 &&
			  stp_gid_sets == 1))
		return 0;
	pr_err("stap: stp_unprivileged, stp_uid and stp_gid must be set together, once each\n");
	return -EINVAL;
}
