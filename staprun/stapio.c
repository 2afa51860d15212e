// SPDX-License-Identifier: GPL-2.0
/*
 * stapio: the calling user's half of a session.  Runs the module through
 * /proc/stap_NAME/{data,control} (protocol in runtime/transport.h):
 * "start PID", relay output to the terminal or -o FILE, print ERROR and
 * WARNING messages, "stop" on SIGINT/SIGTERM/SIGHUP, on the module's own
 * "exit" request, or when the -c command or -x process ends; then drain
 * the output and exit.  Exit status 1 if the session reported errors.
 *
 *   stapio [-o FILE [-S SIZE[,N]]] [-c CMD] [-x PID] [-T SECONDS] [-w] [-D]
 *          MODULE_NAME
 *
 * -o: the file is opened as the caller (staprun dropped every privilege
 * before running us); a symbolic link is followed only when the caller
 * owns it, and the numbered files of -S never follow one: a link planted
 * by another user cannot send the output over one of the caller's files.
 * -S: as staprun(8) says, the output goes to FILE.0, then FILE.1 once
 * FILE.0 holds SIZE megabytes, and so on; with N, only the newest N files
 * are kept (the oldest is removed when one more is started).
 * FILE may hold strftime(3) conversions, expanded once at the start, and
 * SIGUSR2 moves the output to the next numbered file (FILE.1, FILE.2 ...
 * after FILE; the next FILE.N under -S), as staprun(8) describes.
 * -T: stop the session (end probes run) after SECONDS, as on SIGINT;
 * -w: do not print the module's WARNING messages.
 *
 * staprun's root guard waits for us and removes the module, so a killed
 * stapio cannot leave it loaded; we only run and stop the session.
 * -D: once the files are open, detach (own session, standard files on
 * /dev/null) and write our pid to fd 3, staprun's pipe, which it prints.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "bulk_output.h"
#include "colors.h"
#include "common.h"

#define PROG "stapio"

struct session {
	const char *name;
	int data_fd;
	int ctl_fd;
	int out_fd;
	/* -o FILE -S SIZE[,N]: FILE.0, FILE.1 ... of switch_bytes each at
	 * most, the newest keep_files of them kept (0: all). */
	const char *out_base;
	unsigned long long switch_bytes, out_written;
	unsigned int out_index, keep_files;
	struct bulk_output *bulk;	/* bulk mode (stap -b), else NULL */
	pid_t child;		/* -c command */
	pid_t target;		/* -c child or -x PID */
	bool watch_target;	/* -x: stop when it is gone */
	bool stop_sent;
	bool no_warnings;	/* -w */
	struct stap_colors colors;	/* -C WHEN */
	struct timespec deadline;	/* -T; tv_sec 0: none */
	bool done;
	bool failed;
	ssize_t last_read;	/* of the data file, by read_data() */
	/* switch_file(): the data offsets where the next file starts. */
	unsigned long long data_read, switch_at[64];
	unsigned int n_switch;
	/* While read_data() writes a block out, the other control messages
	 * wait here (handling "exit" would read data again, in the middle). */
	bool writing_data;
	char deferred[8192];
	size_t deferred_len;
	char line[8192];	/* partial control line */
	size_t line_len;
};

static void usage(void)
{
	fprintf(stderr, "usage: stapio [-o FILE [-S SIZE[,N]]] [-c CMD] "
			"[-x PID] [-T SECONDS] [-C WHEN] [-w] [-D] "
			"MODULE_NAME\n");
	exit(1);
}

/* An output file, as the caller, without following another's link. */
static int open_output_file(const char *path, bool follow_own_link)
{
	int flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
	struct stat st;
	int fd = open(path, flags | O_NOFOLLOW, 0666);

	if (fd >= 0 || errno != ELOOP)
		return fd;
	if (follow_own_link && !lstat(path, &st) && S_ISLNK(st.st_mode) &&
	    st.st_uid == getuid())
		return open(path, flags, 0666);
	stap_warn(PROG, "refusing to write '%s': it is a symbolic link%s",
		  path, follow_own_link ? " owned by another user" : "");
	errno = ELOOP;
	return -1;
}

/* A per-CPU file of bulk mode: the caller's own links are followed, as
 * for a plain -o FILE. */
static int open_bulk_file(const char *path)
{
	return open_output_file(path, true);
}

/* FILE.N for index N; FILE itself is index 0 without -S. */
static bool output_name(const struct session *s, unsigned int index,
			char *buf, size_t size)
{
	int n = !s->switch_bytes && index == 0 ?
			snprintf(buf, size, "%s", s->out_base) :
			snprintf(buf, size, "%s.%u", s->out_base, index);

	return n > 0 && (size_t)n < size;
}

static bool open_output(struct session *s)
{
	char name[PATH_MAX];
	bool plain = !s->switch_bytes && s->out_index == 0;

	if (!output_name(s, s->out_index, name, sizeof(name))) {
		stap_warn(PROG, "output file name '%s' is too long",
			  s->out_base);
		return false;
	}
	/* Only the file the caller named may be the caller's own link. */
	s->out_fd = open_output_file(name, plain);
	if (s->out_fd < 0) {
		if (errno != ELOOP)
			stap_warn(PROG, "cannot open '%s': %s", name,
				  strerror(errno));
		return false;
	}
	s->out_written = 0;
	return true;
}

/* -S or SIGUSR2: the next file; under -S N, the oldest goes when more
 * than N would be kept. */
static bool switch_output(struct session *s)
{
	char old[PATH_MAX];

	close(s->out_fd);
	s->out_index++;
	if (s->keep_files && s->out_index >= s->keep_files &&
	    output_name(s, s->out_index - s->keep_files, old, sizeof(old)) &&
	    unlink(old) && errno != ENOENT)
		stap_warn(PROG, "cannot remove '%s': %s", old, strerror(errno));
	return open_output(s);
}

/* Output, cut into files of at most switch_bytes under -S. */
static bool write_output(struct session *s, const char *p, size_t n)
{
	while (n) {
		size_t part = n;

		if (s->switch_bytes) {
			if (s->out_written >= s->switch_bytes &&
			    !switch_output(s))
				return false;
			if (part > s->switch_bytes - s->out_written)
				part = s->switch_bytes - s->out_written;
		}
		if (!stap_write_all(s->out_fd, p, part))
			return false;
		s->out_written += part;
		p += part;
		n -= part;
	}
	return true;
}

static bool send_command(struct session *s, const char *cmd)
{
	if (write(s->ctl_fd, cmd, strlen(cmd)) < 0) {
		stap_warn(PROG, "control command '%s' failed: %s", cmd,
			  strerror(errno));
		s->failed = true;
		return false;
	}
	return true;
}

static bool read_data(struct session *s);

/* Relays what the module has written so far. */
static void drain_data(struct session *s)
{
	while (read_data(s) && s->last_read > 0)
		;
}

/*
 * Runs the end probes before it returns.  Drain what the module already
 * wrote first, so that the end probes' output finds the ring empty.
 */
static void request_stop(struct session *s)
{
	if (s->stop_sent)
		return;
	s->stop_sent = true;
	drain_data(s);
	send_command(s, "stop");
}

/*
 * As SystemTap does, each distinct ERROR and WARNING line is printed once:
 * a probe failing the same way on every hit (MAXERRORS) or a warn() in a
 * loop does not flood the terminal; the summary still counts every error.
 * Lines are remembered by a 64-bit hash, at most SEEN_MAX of them; past
 * that a line is printed again rather than lost.
 */
#define SEEN_MAX 4096

static bool first_time(const char *kind, const char *text)
{
	static uint64_t seen[SEEN_MAX];
	static unsigned int n_seen;
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a */
	const char *p;
	unsigned int i;

	for (p = kind; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	h = (h ^ ' ') * 0x100000001b3ULL;
	for (p = text; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	for (i = 0; i < n_seen; i++)
		if (seen[i] == h)
			return false;
	if (n_seen < SEEN_MAX)
		seen[n_seen++] = h;
	return true;
}

/*
 * The next file for each switch_file() at or before data offset @at.
 * false when a file could not be opened: the caller stops the session.
 */
static bool apply_switches(struct session *s, unsigned long long at)
{
	unsigned int done = 0;
	bool ok = true;

	while (ok && done < s->n_switch && s->switch_at[done] <= at) {
		done++;
		ok = switch_output(s);
	}
	s->n_switch -= done;
	memmove(s->switch_at, s->switch_at + done,
		s->n_switch * sizeof(s->switch_at[0]));
	if (!ok)
		s->failed = true;
	return ok;
}

/*
 * The script's switch_file(), "switch_file OFFSET": under -o FILE -S, the
 * data before OFFSET (what the module had written when it asked) stays
 * in the current file, the rest goes to the next.  Without -S there is
 * one output and nothing to switch.
 */
static void switch_file(struct session *s, const char *offset)
{
	bool ok = true;

	if (!s->switch_bytes)
		return;
	if (s->n_switch == sizeof(s->switch_at) / sizeof(s->switch_at[0]))
		ok = apply_switches(s, s->switch_at[0]);	/* too many: early */
	s->switch_at[s->n_switch++] = strtoull(offset, NULL, 10);
	ok = apply_switches(s, s->data_read) && ok;
	if (!ok && !s->writing_data)
		request_stop(s);
}

/*
 * The script's system(CMD): run in the background by /bin/sh as we run,
 * that is as the user who started the session, never as root on a
 * user's behalf (staprun dropped its privileges before running us).
 * handle_signals() reaps it.
 */
static void run_system(const char *cmd)
{
	sigset_t none;
	pid_t pid = fork();

	if (pid < 0) {
		stap_warn(PROG, "cannot run system() command '%s': %s", cmd,
			  strerror(errno));
		return;
	}
	if (pid == 0) {
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
}

static void handle_message(struct session *s, char *msg)
{
	char *text;
	size_t len = strlen(msg);

	if (s->writing_data && strncmp(msg, "switch_file ", 12) &&
	    s->deferred_len + len + 1 <= sizeof(s->deferred)) {
		memcpy(s->deferred + s->deferred_len, msg, len + 1);
		s->deferred_len += len + 1;
		return;
	}
	text = strchr(msg, ' ');

	if (text)
		*text++ = '\0';
	else
		text = "";
	if (!strcmp(msg, "error")) {
		if (first_time(msg, text))
			stap_print_labelled(stderr, s->colors.error, "ERROR",
					    text);
		s->failed = true;
	} else if (!strcmp(msg, "warning")) {
		if (!s->no_warnings && first_time(msg, text))
			stap_print_labelled(stderr, s->colors.warning,
					    "WARNING", text);
	} else if (!strcmp(msg, "system")) {
		run_system(text);
	} else if (!strcmp(msg, "switch_file")) {
		switch_file(s, text);
	} else if (!strcmp(msg, "exit")) {
		request_stop(s);
	} else if (!strcmp(msg, "done")) {
		s->done = true;
		if (atoi(text) > 0)
			s->failed = true;
	}
}

/* false at end of file */
static bool read_control(struct session *s)
{
	char buf[4096];
	ssize_t n = read(s->ctl_fd, buf, sizeof(buf));
	ssize_t i;

	if (n < 0)
		return errno == EAGAIN || errno == EINTR;
	if (n == 0)
		return false;
	for (i = 0; i < n; i++) {
		if (buf[i] == '\n') {
			s->line[s->line_len] = '\0';
			handle_message(s, s->line);
			s->line_len = 0;
		} else if (s->line_len < sizeof(s->line) - 1) {
			s->line[s->line_len++] = buf[i];
		}
	}
	return true;
}

/* false at end of file */
static bool read_data(struct session *s)
{
	static char buf[65536];	/* no re-entry: see writing_data */
	ssize_t n = read(s->data_fd, buf, sizeof(buf));
	const char *p = buf;
	char deferred[sizeof(s->deferred)];
	size_t part, done, len;
	bool ok = true;

	s->last_read = n;
	if (n < 0)
		return errno == EAGAIN || errno == EINTR;
	if (n == 0)
		return false;
	/* A switch_file() inside these bytes was announced before they were
	 * written: reading the control file now finds it. */
	s->writing_data = true;
	if (s->switch_bytes)
		read_control(s);
	if (s->bulk && !bulk_output_feed(s->bulk, p, n)) {
		stap_warn(PROG, "cannot write output: %s", strerror(errno));
		s->failed = true;
		ok = false;
		n = 0;
	}
	while (n > 0 && !s->bulk) {
		part = n;
		if (s->n_switch && s->switch_at[0] - s->data_read < part)
			part = s->switch_at[0] - s->data_read;
		if (!write_output(s, p, part)) {
			stap_warn(PROG, "cannot write output: %s",
				  strerror(errno));
			s->failed = true;
			ok = false;
			break;
		}
		p += part;
		n -= part;
		s->data_read += part;
		if (!apply_switches(s, s->data_read)) {
			ok = false;
			break;
		}
	}
	s->writing_data = false;
	len = s->deferred_len;
	memcpy(deferred, s->deferred, len);
	s->deferred_len = 0;
	for (done = 0; done < len; done += strlen(deferred + done) + 1)
		handle_message(s, deferred + done);
	if (!ok)
		request_stop(s);
	return true;
}

/*
 * True when CMD is one simple command that `exec` may prefix: no list,
 * pipe, subshell or command substitution, not an assignment or a reserved
 * word first.  dash runs such a command in a child of its own when stdin
 * is not a terminal, which would make target() the shell's pid instead of
 * the command's; with `exec` the command is the target.
 */
static bool is_simple_command(const char *cmd)
{
	static const char *const reserved[] = {
		"if", "then", "else", "elif", "fi", "do", "done", "case",
		"esac", "while", "until", "for", "in", "{", "}", "!", "exec",
	};
	size_t start = strspn(cmd, " \t");
	size_t len = strcspn(cmd + start, " \t");

	if (strpbrk(cmd, ";&|()`\n") || strstr(cmd, "$("))
		return false;
	if (len == 0 || memchr(cmd + start, '=', len))
		return false;
	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (strlen(reserved[i]) == len &&
		    !strncmp(cmd + start, reserved[i], len))
			return false;
	return true;
}

/* Fork -c CMD now, let it exec only once the begin probes have run. */
static int spawn_command(struct session *s, const char *cmd,
			 const sigset_t *oldmask, const sigset_t *handled)
{
	int go[2];
	char c;

	char *line = NULL;

	if (is_simple_command(cmd) && asprintf(&line, "exec %s", cmd) < 0)
		return -1;
	if (pipe2(go, O_CLOEXEC)) {
		free(line);
		return -1;
	}
	s->child = fork();
	if (s->child < 0)
		return -1;
	if (s->child == 0) {
		/* staprun blocked some of them before exec: unblock all. */
		sigprocmask(SIG_SETMASK, oldmask, NULL);
		sigprocmask(SIG_UNBLOCK, handled, NULL);
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(127);
		execl("/bin/sh", "sh", "-c", line ? line : cmd, (char *)NULL);
		_exit(127);
	}
	free(line);
	close(go[0]);
	s->target = s->child;
	return go[1];
}

static void handle_signals(struct session *s, int sig_fd)
{
	struct signalfd_siginfo si;
	int status;
	pid_t pid;

	while (read(sig_fd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGUSR2) {
			/* Without -o there is no file to move on from. */
			if (s->out_base && !s->bulk && !switch_output(s)) {
				s->failed = true;
				request_stop(s);
			}
			continue;
		}
		if (si.ssi_signo != SIGCHLD) {
			request_stop(s);
			continue;
		}
		/* The -c command, or a system() command that ended. */
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			if (pid == s->child) {
				s->child = 0;
				request_stop(s);
			}
		}
	}
}

/* -D: staprun's pipe on fd 3 hears our pid, then we are on our own. */
static void detach(void)
{
	char pid[24];
	int n;

	setsid();
	stap_stdio_to_devnull();
	n = snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
	(void)!write(3, pid, n);	/* fails only if staprun is gone */
	close(3);
}

static bool past(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > t->tv_sec ||
	       (now.tv_sec == t->tv_sec && now.tv_nsec >= t->tv_nsec);
}

static int run(struct session *s, const char *cmd, int sig_fd,
	       const sigset_t *oldmask, const sigset_t *handled)
{
	char start[64];
	int go_fd = -1;
	bool data_open = true, ctl_open = true;

	if (cmd) {
		go_fd = spawn_command(s, cmd, oldmask, handled);
		if (go_fd < 0) {
			stap_warn(PROG, "cannot run '%s': %s", cmd,
				  strerror(errno));
			return 1;
		}
	}
	snprintf(start, sizeof(start), "start %d", (int)s->target);
	if (!send_command(s, start))
		request_stop(s);
	if (go_fd >= 0) {
		if (write(go_fd, "g", 1) != 1)
			stap_warn(PROG, "cannot start '%s'", cmd);
		close(go_fd);
	}
	while (data_open || (ctl_open && !s->done)) {
		struct pollfd fds[3] = {
			{ .fd = data_open ? s->data_fd : -1, .events = POLLIN },
			{ .fd = ctl_open ? s->ctl_fd : -1, .events = POLLIN },
			{ .fd = sig_fd, .events = POLLIN },
		};

		if (poll(fds, 3, 200) < 0 && errno != EINTR)
			break;
		if (fds[2].revents)
			handle_signals(s, sig_fd);
		if (fds[0].revents)
			data_open = read_data(s);
		if (fds[1].revents)
			ctl_open = read_control(s);
		if (s->watch_target && kill(s->target, 0) && errno == ESRCH)
			request_stop(s);
		if (s->deadline.tv_sec && past(&s->deadline))
			request_stop(s);
	}
	/* Control messages queued with the last output. */
	while (ctl_open && read_control(s) && !s->done)
		;
	return s->failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct session s = { .out_fd = STDOUT_FILENO };
	const char *out = NULL, *cmd = NULL;
	bool daemon = false;
	char path[PATH_MAX], out_expanded[PATH_MAX];
	sigset_t mask, oldmask;
	const char *switch_arg = NULL, *color_when = NULL;
	int opt, sig_fd, ret, pid, size_mb, keep;

	while ((opt = getopt(argc, argv, "+o:S:c:x:T:C:wD")) != -1) {
		switch (opt) {
		case 'C':
			if (!stap_valid_color_when(optarg)) {
				stap_warn(PROG, "invalid '-C %s' (expected "
						"never, always or auto)",
					  optarg);
				return 1;
			}
			color_when = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'S':
			switch_arg = optarg;
			if (!stap_parse_switch(optarg, &size_mb, &keep)) {
				stap_warn(PROG, "invalid '-S %s' (expected "
						"SIZE[,N]: megabytes 1 to %d, "
						"files at least 1)",
					  optarg, STAP_MAX_SWITCH_MB);
				return 1;
			}
			s.switch_bytes = (unsigned long long)size_mb << 20;
			s.keep_files = keep;
			break;
		case 'c':
			cmd = optarg;
			break;
		case 'x':
			if (!stap_parse_pid(optarg, &pid)) {
				stap_warn(PROG, "invalid process id '%s' for -x",
					  optarg);
				return 1;
			}
			s.target = pid;
			s.watch_target = true;
			break;
		case 'T':
			/* A pid's range (1..INT_MAX) suits seconds too. */
			if (!stap_parse_pid(optarg, &pid)) {
				stap_warn(PROG, "invalid time limit '%s' for -T",
					  optarg);
				return 1;
			}
			clock_gettime(CLOCK_MONOTONIC, &s.deadline);
			s.deadline.tv_sec += pid;
			break;
		case 'w':
			s.no_warnings = true;
			break;
		case 'D':
			daemon = true;
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1 || !stap_valid_module_name(argv[optind]))
		usage();
	s.name = argv[optind];
	if (daemon && fcntl(3, F_GETFD) < 0) {
		stap_warn(PROG, "-D is staprun's: it needs staprun's pipe on "
				"descriptor 3");
		return 1;
	}

	stap_colors_init(&s.colors, color_when, getenv("SYSTEMTAP_COLORS"));
	/* -S switches the -o file; standard output has none to switch, so
	 * without -o it changes nothing (SystemTap 4.8 accepts it too). */
	if (switch_arg && !out) {
		switch_arg = NULL;
		s.switch_bytes = 0;
		s.keep_files = 0;
	}
	if (out && strchr(out, '%')) {
		time_t now = time(NULL);
		struct tm tm;

		if (!localtime_r(&now, &tm) ||
		    !strftime(out_expanded, sizeof(out_expanded), out, &tm)) {
			stap_warn(PROG, "output file name '%s' is empty or too "
					"long once its strftime(3) formats are "
					"expanded", out);
			return 1;
		}
		out = out_expanded;
	}
	s.out_base = out;
	/* A module built with stap -b names its data file "bulk". */
	stap_proc_path(path, sizeof(path), s.name, "bulk");
	if (!access(path, F_OK)) {
		static struct bulk_output bulk;	/* large: not on the stack */

		if (switch_arg) {
			stap_warn(PROG, "-S cannot switch the per-CPU files of "
					"a bulk-mode module");
			return 1;
		}
		bulk.base = out;
		bulk.background = daemon;
		bulk.open_file = open_bulk_file;
		if (!bulk_output_open(&bulk, sysconf(_SC_NPROCESSORS_CONF)))
			return 1;
		s.bulk = &bulk;
	} else if (out && !open_output(&s)) {
		return 1;
	}
	stap_proc_path(path, sizeof(path), s.name, s.bulk ? "bulk" : "data");
	s.data_fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	stap_proc_path(path, sizeof(path), s.name, "control");
	s.ctl_fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (s.data_fd < 0 || s.ctl_fd < 0) {
		stap_warn(PROG, "cannot open the transport of module '%s': %s",
			  s.name, strerror(errno));
		return 1;
	}
	if (daemon)
		detach();

	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGUSR2);
	sigprocmask(SIG_BLOCK, &mask, &oldmask);
	sig_fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
	if (sig_fd < 0) {
		stap_warn(PROG, "signalfd: %s", strerror(errno));
		return 1;
	}

	ret = run(&s, cmd, sig_fd, &oldmask, &mask);

	if (s.child > 0) {
		kill(s.child, SIGTERM);
		waitpid(s.child, NULL, 0);
	}
	close(s.data_fd);
	close(s.ctl_fd);
	if (s.out_fd != STDOUT_FILENO)
		close(s.out_fd);
	if (s.bulk)
		bulk_output_close(s.bulk);
	return ret;
}
