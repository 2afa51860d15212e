// SPDX-License-Identifier: GPL-2.0
/* What the module's own privilege record allows; see privilege.h. */

#include <linux/string.h>
#include "privilege.h"

bool stp_module_has_action(const char *action)
{
	const char *p = strstr(stp_privilege_record, "\nactions=");
	size_t n = strlen(action);

	if (!p)
		return false;
	for (p += strlen("\nactions="); *p && *p != '\n';) {
		size_t len = strcspn(p, ",\n");

		if (len == n && !strncmp(p, action, n))
			return true;
		p += len;
		if (*p == ',')
			p++;
	}
	return false;
}
