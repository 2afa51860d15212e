/* SPDX-License-Identifier: GPL-2.0 */
#ifndef STAPRUN_ENV_SCRUB_H
#define STAPRUN_ENV_SCRUB_H

/*
 * Replaces the environment with the few variables stapio and a -c
 * command may use (PATH, HOME, TERM, USER, LOGNAME, SHELL, TZ, LANG,
 * LANGUAGE, LC_*), so nothing the caller sets (LD_*, SYSTEMTAP_*, IFS,
 * CDPATH, ENV, BASH_ENV, GCONV_PATH, ...) reaches a privileged step.
 * stapio runs them only after privileges are dropped.
 */
void stap_scrub_environment(void);

#endif /* STAPRUN_ENV_SCRUB_H */
