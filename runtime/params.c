// SPDX-License-Identifier: GPL-2.0
/* The reserved module parameters; see privilege.h for the fail-safe rule. */

#include <linux/moduleparam.h>
#include "privilege.h"

int stp_unprivileged = 1;
module_param(stp_unprivileged, int, 0444);
MODULE_PARM_DESC(stp_unprivileged, "0 only when loaded by a privileged user");

int stp_uid = -1;
module_param(stp_uid, int, 0444);
MODULE_PARM_DESC(stp_uid, "real uid of the user who loaded the module");

int stp_gid = -1;
module_param(stp_gid, int, 0444);
MODULE_PARM_DESC(stp_gid, "real gid of the user who loaded the module");
