// SPDX-License-Identifier: GPL-2.0
/*
 * staprun: the setuid loader.  Inserts a stap module for root or a member
 * of stapusr/stapsys/stapdev, under the rules of load_decision.h, and
 * hands the session to stapio running as the caller.
 *
 *   staprun [-o FILE [-S SIZE[,N]]] [-c CMD] [-x PID] [-T SECONDS] [-w] [-D]
 *           MODULE.ko
 *           [name=value...]
 *   staprun [...] NAME         (NAME.ko in the approved directory)
 *   staprun -d MODULE          (unload; stapio's way out in -D mode)
 *
 * One order, no second look at the file: scrub the environment; refuse a
 * caller in no group; open the module (as the caller, O_NOFOLLOW) and
 * read it into memory once; verify, check and insert that copy with
 * init_module(2), the reserved parameters last; then a root guard waits
 * while a child drops every privilege and execs stapio, and unloads the
 * module when stapio ends, however it ends.
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
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include "caller.h"
#include "colors.h"
#include "common.h"
#include "env_scrub.h"
#include "guard.h"
#include "load_decision.h"
#include "module_image.h"
#include "module_signature.h"
#include "module_unload.h"
#include "kernel_symbols.h"
#include "time_zone.h"
#include "trusted_path.h"

#define PROG "staprun"
#define POLICY_FILE "/etc/stap/privilege.conf"

static void usage(void)
{
	fprintf(stderr,
		"usage: staprun [-o FILE [-S SIZE[,N]]] [-c CMD] [-x PID] "
		"[-T SECONDS] [-b MB] [-C WHEN] [-w] [-D] "
		"MODULE.ko [name=value...]\n"
		"       staprun -d MODULE\n");
	exit(1);
}

/* A closed 0, 1 or 2 would make the module file one of them. */
static void open_standard_fds(void)
{
	int fd;

	while ((fd = open("/dev/null", O_RDWR)) >= 0 && fd <= 2)
		;
	if (fd > 2)
		close(fd);
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
 * outside the reserved "stp_" prefix in any case, VALUE from
 * option_value_char_ok().  No '-' in names: the kernel reads it as '_',
 * so "stp-uid" would name stp_uid, and "--" ends the parameter list.
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
	if (!strncasecmp(opt, "stp_", 4)) {
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

/*
 * -d: a stap module; below stapdev, only one the caller loaded.  Its
 * session is stopped first: the end probes run, its stapio drains the
 * output and exits, and its guard removes it; what is left, we remove.
 */
static int remove_module(const char *name, const struct caller *c)
{
	char path[PATH_MAX];
	int i;

	if (!stap_valid_module_name(name))
		usage();
	stap_proc_path(path, sizeof(path), name, "control");
	if (access(path, F_OK)) {
		stap_warn(PROG, "'%s' is not a loaded stap module", name);
		return 1;
	}
	if (c->level != LEVEL_STAPDEV &&
	    stap_module_owner(name) != (long)c->uid) {
		stap_warn(PROG, "refused to remove module '%s': loaded by "
				"another user; user '%s', groups: %s",
			  name, c->user, c->names_text);
		return 1;
	}
	stap_stop_session(name);
	for (i = 0; i < 100 && stap_module_in_use(name); i++)
		usleep(100000);
	return stap_delete_module(PROG, name, false);
}

/* For good: the caller's own groups and ids, all three, checked. */
static bool drop_privileges(const struct caller *c)
{
	uid_t r, e, s;
	gid_t rg, eg, sg;

	if (c->uid == 0)
		return true;
	if (setgroups(c->ngroups, c->groups) ||
	    setresgid(c->gid, c->gid, c->gid) ||
	    setresuid(c->uid, c->uid, c->uid) || getresuid(&r, &e, &s) ||
	    getresgid(&rg, &eg, &sg) || r != c->uid || e != c->uid ||
	    s != c->uid || rg != c->gid || eg != c->gid || sg != c->gid ||
	    setuid(0) == 0) {
		stap_warn(PROG, "cannot drop privileges: %s", strerror(errno));
		return false;
	}
	return true;
}

/* Access checks on paths the caller names are the caller's. */
static void as_caller(const struct caller *c, bool on)
{
	if (geteuid() != 0 && !on)
		(void)!seteuid(0);
	else if (on && c->uid != 0)
		(void)!seteuid(c->uid);
}

/*
 * The module the argument names, opened once.  A bare NAME, or a path in
 * the approved directory, is opened through stap_open_trusted and counts
 * as approved if every directory and the file are root-only; anything
 * else is opened as given, never through a final symbolic link.
 */
static int open_module(const char *arg, char *path, size_t size,
		       struct load_facts *f)
{
	size_t dlen = strlen(f->approved_dir);
	struct stat st;
	int fd;

	if (!strchr(arg, '/') && !strstr(arg, ".ko"))
		snprintf(path, size, "%s/%s.ko", f->approved_dir, arg);
	else
		snprintf(path, size, "%s", arg);
	if (!strncmp(path, f->approved_dir, dlen) && path[dlen] == '/' &&
	    !strchr(path + dlen + 1, '/')) {
		fd = stap_open_trusted(path, O_RDONLY | O_NONBLOCK,
				       f->not_approved,
				       sizeof(f->not_approved));
		if (fd >= 0) {
			if (!fstat(fd, &st) && stap_root_only(&st))
				f->approved = true;
			else
				snprintf(f->not_approved,
					 sizeof(f->not_approved),
					 "it is not owned by root or is "
					 "writable by group or others");
			return fd;
		}
	}
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		stap_warn(PROG, "cannot open module '%s': %s%s", path,
			  strerror(errno),
			  errno == ELOOP ? " (a symbolic link is not followed)"
					 : "");
	return fd;
}

/* MODULE.ko.sgn into memory; false only if it exists but is unreadable. */
static bool read_signature(const char *path, char **sig, size_t *len,
			   struct load_facts *f)
{
	char sgn[PATH_MAX + 8];
	struct stat st;
	ssize_t n;
	int fd;

	*sig = NULL;
	*len = 0;
	snprintf(sgn, sizeof(sgn), "%s.sgn", path);
	fd = open(sgn, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		snprintf(f->signature_text, sizeof(f->signature_text),
			 "it has no signature ('%s')", sgn);
		return true;
	}
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode) ||
	    st.st_size <= 0 || st.st_size > STAP_SIGNATURE_MAX ||
	    !(*sig = malloc(st.st_size)) ||
	    (n = read(fd, *sig, st.st_size)) != st.st_size) {
		snprintf(f->signature_text, sizeof(f->signature_text),
			 "its signature '%s' cannot be read", sgn);
		f->signature = SIGNATURE_BAD;
		if (fd >= 0)
			close(fd);
		return false;
	}
	close(fd);
	*len = st.st_size;
	return true;
}

static int insert_module(const struct module_image *m, char *const *opts,
			 int nopts, int bufsize_mb, const struct caller *c)
{
	char ksyms[1024] = "";
	size_t plen = 224;
	char *params;
	int i;

	stap_kernel_symbol_params(m->data, m->len, ksyms, sizeof(ksyms));
	plen += strlen(ksyms);
	for (i = 0; i < nopts; i++)
		plen += strlen(opts[i]) + 1;
	params = calloc(1, plen);
	if (!params)
		return -1;
	for (i = 0; i < nopts; i++) {
		strcat(params, opts[i]);
		strcat(params, " ");
	}
	stap_time_zone_params(params + strlen(params), plen - strlen(params));
	if (bufsize_mb)
		snprintf(params + strlen(params), plen - strlen(params),
			 " stp_bufsize_mb=%d", bufsize_mb);
	strcat(params, ksyms);
	/* Last, so they win even if a duplicate slipped through. */
	snprintf(params + strlen(params), plen - strlen(params),
		 " stp_unprivileged=%d stp_uid=%u stp_gid=%u",
		 c->level != LEVEL_STAPDEV, (unsigned int)c->uid,
		 (unsigned int)c->gid);
	if (syscall(SYS_init_module, m->data, m->len, params)) {
		if (errno == EEXIST)
			stap_warn(PROG, "a module named '%s' is already "
					"loaded; unload it first, or build this "
					"one with another name (stap -m)",
				  m->name);
		else if (errno == EPERM && bufsize_mb)	/* params.c */
			stap_warn(PROG, "module '%s' refused '-b %d': a buffer "
					"larger than the one it was built with "
					"needs stapdev", m->name, bufsize_mb);
		else if (errno == E2BIG)	/* the runtime's prealloc.c */
			stap_warn(PROG,
				  "module '%s' needs more memory for its "
				  "arrays than STP_MAX_PREALLOC allows; the "
				  "kernel log names the array", m->name);
		else
			stap_warn(PROG, "cannot insert module '%s': %s",
				  m->name, strerror(errno));
		free(params);
		return -1;
	}
	free(params);
	return 0;
}

/* What staprun passes on to stapio. */
struct session_args {
	const char *stapio, *out, *out_switch, *cmd, *pid, *timeout, *color;
	bool daemon, no_warnings;
};

static void exec_stapio(const struct session_args *a, const char *name)
{
	const char *args[20];
	int n = 0;

	args[n++] = "stapio";
	if (a->out) {
		args[n++] = "-o";
		args[n++] = a->out;
	}
	if (a->out_switch) {
		args[n++] = "-S";
		args[n++] = a->out_switch;
	}
	if (a->cmd) {
		args[n++] = "-c";
		args[n++] = a->cmd;
	}
	if (a->pid) {
		args[n++] = "-x";
		args[n++] = a->pid;
	}
	if (a->color) {
		args[n++] = "-C";
		args[n++] = a->color;
	}
	if (a->timeout) {
		args[n++] = "-T";
		args[n++] = a->timeout;
	}
	if (a->no_warnings)
		args[n++] = "-w";
	if (a->daemon)
		args[n++] = "-D";
	args[n++] = name;
	args[n] = NULL;
	execv(a->stapio, (char **)args);
	stap_warn(PROG, "cannot run '%s': %s", a->stapio, strerror(errno));
}

/*
 * stapio as the caller, in a child: back to the caller's cgroup and
 * limits, every privilege dropped.  -D: @ready becomes stapio's fd 3.
 */
static pid_t spawn_stapio(const struct session_args *a, const char *name,
			  const struct caller *c,
			  const struct guard_saved *saved, int ready)
{
	pid_t child = fork();

	if (child < 0)
		stap_warn(PROG, "cannot fork: %s", strerror(errno));
	if (child != 0)
		return child;
	if (ready >= 0 && (ready == 3 ? fcntl(3, F_SETFD, 0)
				      : dup2(ready, 3)) < 0)
		_exit(1);
	if (guard_restore(saved) && drop_privileges(c))
		exec_stapio(a, name);
	_exit(1);
}

/*
 * -D: the guard detaches too (its own session, standard files on
 * /dev/null).  staprun waits only for stapio's word, on a pipe, that the
 * session started: its pid, which it prints.  If stapio ends first
 * (its message is on the caller's terminal), staprun waits for the guard
 * to remove the module and fails.
 */
static int start_daemon(const struct session_args *a, const char *name,
			const struct caller *c,
			const struct guard_saved *saved)
{
	struct guard g = { .module = name, .owner = c->uid,
			   .user = c->user, .daemon = true };
	char buf[16];
	ssize_t n, got = 0;
	int ready[2], pid;
	pid_t guard_pid;

	if (pipe2(ready, O_CLOEXEC)) {
		stap_warn(PROG, "cannot make a pipe: %s", strerror(errno));
		return stap_delete_module(PROG, name, false), 1;
	}
	guard_pid = fork();
	if (guard_pid < 0) {
		stap_warn(PROG, "cannot fork: %s", strerror(errno));
		return stap_delete_module(PROG, name, false), 1;
	}
	if (guard_pid == 0) {
		close(ready[0]);
		setsid();
		g.stapio = spawn_stapio(a, name, c, saved, ready[1]);
		close(ready[1]);
		stap_stdio_to_devnull();
		if (g.stapio < 0)
			_exit(stap_delete_module(PROG, name, false));
		_exit(guard_run(&g));
	}
	close(ready[1]);
	while (got < (ssize_t)sizeof(buf) - 1 &&
	       ((n = read(ready[0], buf + got, sizeof(buf) - 1 - got)) > 0 ||
		(n < 0 && errno == EINTR)))
		got += n > 0 ? n : 0;
	buf[got] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	if (stap_parse_pid(buf, &pid)) {
		printf("%d\n", pid);
		return 0;
	}
	while (waitpid(guard_pid, NULL, 0) < 0 && errno == EINTR)
		;
	stap_warn(PROG, "stapio ended before the daemon started; module '%s' "
			"%s", name, stap_module_loaded(name) ? "still loaded"
							  : "removed");
	return 1;
}

int main(int argc, char **argv)
{
	struct session_args session = { 0 };
	const char *rm = NULL, *bufsize = NULL;
	int bufsize_mb = 0;
	char stapio[PATH_MAX], path[PATH_MAX], dir[PATH_MAX];
	char file_name[STAP_MODNAME_MAX];
	struct load_facts facts = { 0 };
	struct module_image image;
	struct guard_saved saved;
	struct caller caller;
	struct guard guard = { 0 };
	struct utsname uts;
	sigset_t stop_signals;
	char *sig;
	size_t siglen;
	int opt, i, fd;

	open_standard_fds();
	stap_scrub_environment();
	while ((opt = getopt(argc, argv, "+o:S:c:x:T:b:C:wDd:")) != -1) {
		switch (opt) {
		case 'C':
			session.color = optarg;
			break;
		case 'b':
			bufsize = optarg;
			break;
		case 'o':
			session.out = optarg;
			break;
		case 'S':
			session.out_switch = optarg;
			break;
		case 'c':
			session.cmd = optarg;
			break;
		case 'x':
			session.pid = optarg;
			break;
		case 'T':
			session.timeout = optarg;
			break;
		case 'w':
			session.no_warnings = true;
			break;
		case 'D':
			session.daemon = true;
			break;
		case 'd':
			rm = optarg;
			break;
		default:
			usage();
		}
	}
	if (session.timeout && !stap_parse_pid(session.timeout, &i)) {
		stap_warn(PROG, "invalid time limit '%s' for -T (expected "
				"seconds, at least 1)", session.timeout);
		return 1;
	}
	if (session.color && !stap_valid_color_when(session.color)) {
		stap_warn(PROG, "invalid '-C %s' (expected never, always or "
				"auto)", session.color);
		return 1;
	}
	/* Megabytes, as stap -s NUM and staprun(8) bound them. */
	if (bufsize && (!stap_parse_pid(bufsize, &bufsize_mb) ||
			bufsize_mb > STAP_MAX_SWITCH_MB)) {
		stap_warn(PROG, "invalid buffer size '%s' for -b (expected "
				"megabytes, 1 to %d)", bufsize,
			  STAP_MAX_SWITCH_MB);
		return 1;
	}
	if (session.out_switch &&
	    !stap_parse_switch(session.out_switch, &i, &i)) {
		stap_warn(PROG, "invalid '-S %s' (expected SIZE[,N]: megabytes "
				"1 to %d, files at least 1)",
			  session.out_switch, STAP_MAX_SWITCH_MB);
		return 1;
	}
	if (session.pid && !stap_parse_pid(session.pid, &i)) {
		stap_warn(PROG, "invalid process id '%s' for -x", session.pid);
		return 1;
	}
	if (!rm && optind >= argc)
		usage();
	if (session.cmd && session.pid) {
		stap_warn(PROG, "-c and -x are mutually exclusive");
		return 1;
	}
	if (session.daemon && !session.out) {
		stap_warn(PROG, "-D needs -o FILE");
		return 1;
	}
	/* Checked first: a refused option needs no privilege to report. */
	for (i = optind + 1; !rm && i < argc; i++)
		if (!user_option_ok(argv[i]))
			return 1;
	if (!caller_read(&caller))
		return 1;
	if (geteuid() != 0) {
		stap_warn(PROG, "staprun is not installed setuid root "
				"(cmake --install, then stap-setup)");
		return 1;
	}
	if (rm)
		return remove_module(rm, &caller);
	if (!decide_caller(&caller))
		return 1;
	if (!stap_sibling_path("stapio", stapio, sizeof(stapio)) ||
	    access(stapio, X_OK)) {
		stap_warn(PROG, "cannot find stapio next to staprun");
		return 1;
	}

	/*
	 * From here a ^C must not leave the module loaded: block the
	 * terminal's signals; they stay pending across exec, and stapio
	 * handles them as a stop request once the session has started.
	 */
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGINT);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGHUP);
	sigaddset(&stop_signals, SIGQUIT);
	sigaddset(&stop_signals, SIGTSTP);
	sigprocmask(SIG_BLOCK, &stop_signals, NULL);

	uname(&uts);
	snprintf(dir, sizeof(dir), "/lib/modules/%s/systemtap", uts.release);
	facts.approved_dir = dir;
	facts.path = path;
	as_caller(&caller, true);
	fd = open_module(argv[optind], path, sizeof(path), &facts);
	if (fd < 0)
		return 1;
	if (!module_image_read(fd, path, &image))
		return 1;
	close(fd);
	read_signature(path, &sig, &siglen, &facts);
	as_caller(&caller, false);

	/* The kernel loads by the name inside; the file must say the same. */
	if (!stap_module_name(path, file_name, sizeof(file_name)) ||
	    strcmp(file_name, image.name)) {
		stap_warn(PROG, "'%s' holds module '%s'; its file must be "
				"named '%s.ko'", path, image.name, image.name);
		return 1;
	}
	if (sig)
		facts.signature = stap_verify_signature(
			image.name, image.data, image.len, sig, siglen,
			STAP_TRUST_STORE, facts.signature_text,
			sizeof(facts.signature_text));
	if (caller.level != LEVEL_STAPDEV)
		facts.policy = stap_policy_grants(POLICY_FILE,
						  caller.group_names);
	if (!decide_load(&caller, &image, &facts))
		return 1;
	session.stapio = stapio;
	guard.module = image.name;
	guard.owner = caller.uid;
	guard.user = caller.user;

	/* Now only root can signal us: no kill between insert and guard. */
	if (setresuid(0, 0, 0)) {
		stap_warn(PROG, "cannot become root: %s", strerror(errno));
		return 1;
	}
	guard_harden(&saved);
	if (insert_module(&image, argv + optind + 1, argc - optind - 1,
			  bufsize_mb, &caller))
		return 1;
	module_image_free(&image);

	if (session.daemon)
		return start_daemon(&session, image.name, &caller, &saved);
	guard.stapio = spawn_stapio(&session, image.name, &caller, &saved, -1);
	if (guard.stapio < 0)
		return stap_delete_module(PROG, image.name, false), 1;
	return guard_run(&guard);
}
