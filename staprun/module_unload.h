/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Removing a loaded stap module by name, and who loaded it: the stp_uid
 * parameter staprun set (readable by anyone under /sys/module).
 */
#ifndef STAPRUN_MODULE_UNLOAD_H
#define STAPRUN_MODULE_UNLOAD_H

#include <stdbool.h>

/* The uid staprun recorded in loaded module @name, -1 if none. */
long stap_module_owner(const char *name);

/* Does something hold it (an open /proc/stap_NAME file)? */
bool stap_module_in_use(const char *name);

/* Is a module named @name loaded? */
bool stap_module_loaded(const char *name);

/*
 * delete_module(2), retried while the module is busy (an open file of its
 * transport pins it) for 5 s, or for as long as it takes if @until_gone;
 * 0 when it is gone (or was never there), 1 with a message from @prog
 * otherwise.
 */
int stap_delete_module(const char *prog, const char *name, bool until_gone);

/*
 * "stop" on the module's control file: the end probes run, and its
 * stapio drains the output and exits (so its guard unloads it).
 */
void stap_stop_session(const char *name);

#endif /* STAPRUN_MODULE_UNLOAD_H */
