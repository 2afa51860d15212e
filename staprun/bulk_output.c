// SPDX-License-Identifier: GPL-2.0
/* Per-CPU output files of bulk mode; see bulk_output.h. */

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "bulk_output.h"
#include "common.h"

#define PROG "stapio"

static int cpu_file(struct bulk_output *b, unsigned int cpu)
{
	char name[PATH_MAX];
	int n;

	if (b->fds[cpu] >= 0)
		return b->fds[cpu];
	if (!b->base)
		n = snprintf(name, sizeof(name), "stpd_cpu%u", cpu);
	else
		n = snprintf(name, sizeof(name), "%s_%s%u", b->base,
			     b->background ? "cpu" : "", cpu);
	if (n < 0 || (size_t)n >= sizeof(name)) {
		stap_warn(PROG, "output file name '%s' is too long", b->base);
		return -1;
	}
	b->fds[cpu] = b->open_file(name);
	if (b->fds[cpu] < 0)
		stap_warn(PROG, "cannot create '%s': %s", name,
			  strerror(errno));
	return b->fds[cpu];
}

bool bulk_output_open(struct bulk_output *b, unsigned int ncpus)
{
	unsigned int cpu;

	for (cpu = 0; cpu < BULK_MAX_CPUS; cpu++)
		b->fds[cpu] = -1;
	b->rec_have = 0;
	b->left = 0;
	for (cpu = 0; cpu < ncpus && cpu < BULK_MAX_CPUS; cpu++)
		if (cpu_file(b, cpu) < 0)
			return false;
	return true;
}

bool bulk_output_feed(struct bulk_output *b, const char *p, size_t n)
{
	struct stp_bulk_file_record frec;
	size_t part;
	int fd;

	while (n) {
		if (!b->left) {
			/* A header, perhaps the rest of one. */
			part = sizeof(b->rec) - b->rec_have;
			if (part > n)
				part = n;
			memcpy((char *)&b->rec + b->rec_have, p, part);
			b->rec_have += part;
			p += part;
			n -= part;
			if (b->rec_have < sizeof(b->rec))
				return true;
			b->rec_have = 0;
			if (b->rec.cpu >= BULK_MAX_CPUS) {
				stap_warn(PROG, "bulk output names CPU %u",
					  b->rec.cpu);
				errno = EINVAL;
				return false;
			}
			fd = cpu_file(b, b->rec.cpu);
			frec.seq = b->rec.seq;
			frec.len = b->rec.len;
			if (fd < 0 || !stap_write_all(fd, &frec, sizeof(frec)))
				return false;
			b->left = b->rec.len;
			continue;
		}
		part = b->left < n ? b->left : n;
		if (!stap_write_all(b->fds[b->rec.cpu], p, part))
			return false;
		b->left -= part;
		p += part;
		n -= part;
	}
	return true;
}

void bulk_output_close(struct bulk_output *b)
{
	unsigned int cpu;

	for (cpu = 0; cpu < BULK_MAX_CPUS; cpu++)
		if (b->fds[cpu] >= 0)
			close(b->fds[cpu]);
}
