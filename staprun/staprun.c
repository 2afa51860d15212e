// SPDX-License-Identifier: GPL-2.0
/*
 * staprun: insert a stap module and hand over to stapio.
 *
 *   staprun [-o FILE] [-c CMD] [-x PID] [-D] MODULE.ko [name=value...]
 *   staprun -d MODULE          (stapio's way to unload at the end)
 *
 * The privileged part is kept small and in one order, so that the later
 * setuid loader only adds checks: read the module into memory once (what
 * is checked is what is inserted), refuse user options that name the
 * reserved parameters, insert from that buffer with init_module(2) adding
 * the reserved parameters last, drop privileges for good, exec stapio as
 * the calling user.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "common.h"
#include "module_size.h"

#define PROG "staprun"

static void usage(void)
{
	fprintf(stderr,
		"usage: staprun [-o FILE] [-c CMD] [-x PID] [-D] MODULE.ko "
		"[name=value...]\n"
		"       staprun -d MODULE\n");
	exit(1);
}

/* The whole file, read once; NULL with a message on failure. */
static char *read_module(const char *path, size_t *len)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		stap_warn(PROG, "cannot open module '%s': %s", path,
			  strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size <= 0) {
		stap_warn(PROG, "'%s' is not a loadable module file", path);
		close(fd);
		return NULL;
	}
	if ((unsigned long long)st.st_size > STAP_MODULE_MAX_SIZE) {
		stap_warn(PROG,
			  "module '%s' is %lld bytes, over the limit of %u MiB",
			  path, (long long)st.st_size,
			  STAP_MODULE_MAX_SIZE >> 20);
		close(fd);
		return NULL;
	}
	buf = malloc(st.st_size);
	while (buf && got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, st.st_size - got);

		if (n <= 0) {
			stap_warn(PROG, "cannot read module '%s'", path);
			free(buf);
			buf = NULL;
			break;
		}
		got += n;
	}
	close(fd);
	*len = got;
	return buf;
}

/*
 * The kernel splits module parameters on every isspace() byte (its own
 * table: \v, \f, \r and 0xa0 too), honours quotes, and stops at a bare
 * "--".  So a value is held to bytes that can never split or end the
 * list; anything else could smuggle a reserved parameter past the name
 * check below.
 */
static bool option_value_char_ok(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr("_-.,:/+@", c));
}

/*
 * A user option must be NAME=VALUE: NAME a C identifier (a script global)
 * outside the reserved "stp_" prefix, VALUE from option_value_char_ok().
 * No '-' in names: the kernel reads it as '_', so "stp-uid" would name
 * stp_uid, and "--" ends the parameter list.
 */
static bool user_option_ok(const char *opt)
{
	const char *eq = strchr(opt, '=');
	const char *p;
	size_t n = eq ? (size_t)(eq - opt) : 0;

	if (!eq || n == 0 || n >= STAP_MODNAME_MAX) {
		stap_warn(PROG, "module option '%s' is not NAME=VALUE", opt);
		return false;
	}
	for (p = opt; p < eq; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9' && p > opt) || *p == '_')) {
			stap_warn(PROG,
				  "module option name has byte 0x%02x; names "
				  "are C identifiers", (unsigned char)*p);
			return false;
		}
	}
	if (!strncmp(opt, "stp_", 4)) {
		stap_warn(PROG, "module option '%.*s' names a reserved parameter",
			  (int)n, opt);
		return false;
	}
	for (p = eq + 1; *p; p++) {
		if (!option_value_char_ok(*p)) {
			stap_warn(PROG,
				  "module option '%.*s' has value byte 0x%02x; "
				  "values are [A-Za-z0-9_.,:/+@-]",
				  (int)n, opt, (unsigned char)*p);
			return false;
		}
	}
	return true;
}

static int remove_module(const char *name)
{
	char path[PATH_MAX];
	int tries;

	if (!stap_valid_module_name(name))
		usage();
	/* Only stap modules: they own /proc/stap_NAME. */
	stap_proc_path(path, sizeof(path), name, "control");
	if (access(path, F_OK)) {
		stap_warn(PROG, "'%s' is not a loaded stap module", name);
		return 1;
	}
	for (tries = 0; tries < 50; tries++) {
		if (!syscall(SYS_delete_module, name, O_NONBLOCK))
			return 0;
		if (errno != EAGAIN && errno != EBUSY)
			break;
		usleep(100000);
	}
	stap_warn(PROG, "cannot remove module '%s': %s", name,
		  strerror(errno));
	return 1;
}

static bool drop_privileges(void)
{
	uid_t uid = getuid();
	gid_t gid = getgid();

	if (geteuid() == uid && getegid() == gid)
		return true;
	if (setresgid(gid, gid, gid) || setresuid(uid, uid, uid)) {
		stap_warn(PROG, "cannot drop privileges: %s", strerror(errno));
		return false;
	}
	return geteuid() == uid;
}

int main(int argc, char **argv)
{
	const char *out = NULL, *cmd = NULL, *pid = NULL, *rm = NULL;
	char stapio[PATH_MAX], name[STAP_MODNAME_MAX];
	bool daemon = false, privileged;
	char *image, *params;
	size_t len, plen = 128;
	sigset_t stop_signals;
	int opt, i;

	while ((opt = getopt(argc, argv, "+o:c:x:Dd:")) != -1) {
		switch (opt) {
		case 'o':
			out = optarg;
			break;
		case 'c':
			cmd = optarg;
			break;
		case 'x':
			pid = optarg;
			break;
		case 'D':
			daemon = true;
			break;
		case 'd':
			rm = optarg;
			break;
		default:
			usage();
		}
	}
	if (pid && !stap_parse_pid(pid, &i)) {
		stap_warn(PROG, "invalid process id '%s' for -x", pid);
		return 1;
	}
	if (rm)
		return remove_module(rm);
	if (optind >= argc)
		usage();
	if (cmd && pid) {
		stap_warn(PROG, "-c and -x are mutually exclusive");
		return 1;
	}
	if (daemon && !out) {
		stap_warn(PROG, "-D needs -o FILE");
		return 1;
	}
	if (!stap_module_name(argv[optind], name, sizeof(name))) {
		stap_warn(PROG, "'%s' is not a valid module file name",
			  argv[optind]);
		return 1;
	}
	/* Checked first: a refused option needs no privilege to report. */
	for (i = optind + 1; i < argc; i++) {
		if (!user_option_ok(argv[i]))
			return 1;
		plen += strlen(argv[i]) + 1;
	}
	/* The setuid rules (groups, signatures) come later: root only. */
	privileged = getuid() == 0;
	if (!privileged) {
		stap_warn(PROG, "loading modules needs root for now");
		return 1;
	}
	if (!stap_sibling_path("stapio", stapio, sizeof(stapio)) ||
	    access(stapio, X_OK)) {
		stap_warn(PROG, "cannot find stapio next to staprun");
		return 1;
	}

	/*
	 * A ^C from now on must not leave the module loaded: block the
	 * signals; they stay pending across exec, and stapio handles them
	 * as a stop request once the session has started.
	 */
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGINT);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop_signals, NULL);

	image = read_module(argv[optind], &len);
	if (!image)
		return 1;
	params = calloc(1, plen);
	if (!params)
		return 1;
	for (i = optind + 1; i < argc; i++) {
		strcat(params, argv[i]);
		strcat(params, " ");
	}
	/* Last, so they win even if a duplicate slipped through. */
	snprintf(params + strlen(params), plen - strlen(params),
		 "stp_unprivileged=%d stp_uid=%u stp_gid=%u", !privileged,
		 (unsigned int)getuid(), (unsigned int)getgid());
	if (syscall(SYS_init_module, image, len, params)) {
		if (errno == EEXIST)
			stap_warn(PROG, "module '%s' is already loaded", name);
		else if (errno == E2BIG)	/* the runtime's prealloc.c */
			stap_warn(PROG,
				  "module '%s' needs more memory for its "
				  "arrays than STP_MAX_PREALLOC allows; the "
				  "kernel log names the array", name);
		else
			stap_warn(PROG, "cannot insert module '%s': %s", name,
				  strerror(errno));
		return 1;
	}
	free(image);
	free(params);

	if (!drop_privileges()) {
		syscall(SYS_delete_module, name, O_NONBLOCK);
		return 1;
	}
	{
		const char *args[12];
		int n = 0;

		args[n++] = "stapio";
		if (out) {
			args[n++] = "-o";
			args[n++] = out;
		}
		if (cmd) {
			args[n++] = "-c";
			args[n++] = cmd;
		}
		if (pid) {
			args[n++] = "-x";
			args[n++] = pid;
		}
		if (daemon)
			args[n++] = "-D";
		args[n++] = name;
		args[n] = NULL;
		execv(stapio, (char **)args);
	}
	stap_warn(PROG, "cannot run '%s': %s", stapio, strerror(errno));
	execl("/proc/self/exe", PROG, "-d", name, (char *)NULL);
	return 1;
}
