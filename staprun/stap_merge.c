// SPDX-License-Identifier: GPL-2.0
/*
 * stap-merge: the per-CPU files of bulk mode (stap -b) back into one
 * output, in the order the module printed it.
 *
 *   stap-merge [-v] [-o OUTPUT] [FILE...]
 *
 * Each file is a sequence of records, a struct stp_bulk_file_record
 * (sequence number, length) and that many bytes (runtime/bulk_record.h);
 * the record with the lowest sequence number among the files' next ones
 * goes out first.  Without FILEs: stpd_cpu0, stpd_cpu1 ... as long as they
 * exist.  -v puts "[CPU,SEQUENCE,LENGTH]" on a line before each record,
 * CPU being the file's place among the inputs (0 for the first).
 */

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../runtime/bulk_record.h"

#define PROG "stap-merge"

struct input {
	const char *name;
	FILE *f;
	struct stp_bulk_file_record next;
	bool has_next;
};

static void usage(void)
{
	fprintf(stderr, "usage: stap-merge [-v] [-o OUTPUT] [FILE...]\n");
	exit(1);
}

/* The next record's header; false at the end (or, with a message, when
 * the file ends inside a header). */
static bool read_header(struct input *in, bool *bad)
{
	size_t n = fread(&in->next, 1, sizeof(in->next), in->f);

	in->has_next = n == sizeof(in->next);
	if (n && !in->has_next) {
		fprintf(stderr, "%s: '%s' ends inside a record header\n",
			PROG, in->name);
		*bad = true;
	}
	return in->has_next;
}

static bool copy_payload(struct input *in, FILE *out)
{
	char buf[65536];
	size_t left = in->next.len, n;

	while (left) {
		n = fread(buf, 1, left < sizeof(buf) ? left : sizeof(buf),
			  in->f);
		if (!n) {
			fprintf(stderr, "%s: '%s' ends inside record %u\n",
				PROG, in->name, in->next.seq);
			return false;
		}
		if (fwrite(buf, 1, n, out) != n) {
			fprintf(stderr, "%s: cannot write: %s\n", PROG,
				strerror(errno));
			return false;
		}
		left -= n;
	}
	return true;
}

int main(int argc, char **argv)
{
	static char default_names[64][32];
	const char **names = (const char **)argv;
	struct input *in;
	bool verbose = false, bad = false;
	FILE *out = stdout;
	int opt, n, i, best;

	while ((opt = getopt(argc, argv, "vo:")) != -1) {
		switch (opt) {
		case 'v':
			verbose = true;
			break;
		case 'o':
			out = fopen(optarg, "w");
			if (!out) {
				fprintf(stderr, "%s: cannot create '%s': %s\n",
					PROG, optarg, strerror(errno));
				return 1;
			}
			break;
		default:
			usage();
		}
	}
	n = argc - optind;
	names += optind;
	if (!n) {
		static const char *found[64];

		for (; n < 64; n++) {
			snprintf(default_names[n], sizeof(default_names[n]),
				 "stpd_cpu%d", n);
			if (access(default_names[n], F_OK))
				break;
			found[n] = default_names[n];
		}
		if (!n) {
			fprintf(stderr, "%s: no input files, and no stpd_cpu0 "
					"here\n", PROG);
			return 1;
		}
		names = found;
	}
	in = calloc(n, sizeof(*in));
	if (!in)
		return 1;
	for (i = 0; i < n; i++) {
		in[i].name = names[i];
		in[i].f = fopen(names[i], "rb");
		if (!in[i].f) {
			fprintf(stderr, "%s: cannot open '%s': %s\n", PROG,
				names[i], strerror(errno));
			return 1;
		}
		read_header(&in[i], &bad);
	}
	for (;;) {
		best = -1;
		for (i = 0; i < n; i++)
			if (in[i].has_next &&
			    (best < 0 || in[i].next.seq < in[best].next.seq))
				best = i;
		if (best < 0)
			break;
		if (verbose)
			fprintf(out, "[%d,%u,%u]\n", best, in[best].next.seq,
				in[best].next.len);
		if (!copy_payload(&in[best], out))
			return 1;
		read_header(&in[best], &bad);
	}
	if (fflush(out) || (out != stdout && fclose(out))) {
		fprintf(stderr, "%s: cannot write: %s\n", PROG,
			strerror(errno));
		return 1;
	}
	return bad ? 1 : 0;
}
