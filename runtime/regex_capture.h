/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Submatches for matched() and matched_str().  The DFA (regex.h) answers
 * whether =~ matched; when a script reads submatches, the translator also
 * emits the pattern's tagged NFA and, after a match, this Pike VM finds
 * the POSIX leftmost-longest match and its groups as glibc reports them.  It never recurses and
 * never allocates: its work area (STP_RE_WORK_BYTES) is sized at
 * translation and lives in the per-CPU context.  Time is O(len * states).
 *
 * Plain C types only: the unit tests compile this file on the host.
 */
#ifndef STP_REGEX_CAPTURE_H
#define STP_REGEX_CAPTURE_H

#ifdef __cplusplus
extern "C" {
#endif

#define STP_RE_NONE 0xffff

/* How an NFA state's outgoing non-byte edge may be taken. */
enum { STP_RE_EPS = 0, STP_RE_BOL = 1, STP_RE_EOL = 2 };

struct stp_re_state {
	unsigned short on_byte;		/* target after a byte in `set`, or NONE */
	unsigned short set;		/* index into the program's byte sets */
	unsigned short edge_first;	/* its non-byte edges */
	unsigned short edge_count;
	/*
	 * Entering the state records the position in capture slot `tag`
	 * (-1: none).  An even slot opens group tag/2 and forgets its end.
	 */
	short tag;
};

struct stp_re_edge {
	unsigned short to;
	unsigned char kind;		/* STP_RE_EPS, _BOL, _EOL */
};

struct stp_re_prog {
	const struct stp_re_state *states;
	const struct stp_re_edge *edges;
	const unsigned char (*sets)[32];	/* 256-bit byte sets */
	unsigned short nstates;
	unsigned short nedges;
	unsigned short start;
	unsigned short accept;
	unsigned short ncap;		/* 2 * (groups + 1) */
};

/* Bytes of work area stp_re_run needs for a program of this size. */
#define STP_RE_WORK_BYTES(nstates, nedges, ncap)                         \
	((2 * (unsigned long)(nstates) * (ncap) + (ncap)) * sizeof(int) + \
	 (4 * (unsigned long)(nstates) + 2 * ((unsigned long)(nedges) + 1)) * \
		 sizeof(unsigned short))

/*
 * Finds the leftmost-longest match of @p in the first @len bytes of @s.
 * On a match returns 1 and fills cap[0 .. ncap-1] with byte offsets
 * (start, end per group; -1 for a group that did not take part).
 */
int stp_re_run(const struct stp_re_prog *p, const char *s, int len,
	       void *work, int *cap);

#ifdef __cplusplus
}
#endif

#endif /* STP_REGEX_CAPTURE_H */
