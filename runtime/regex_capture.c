// SPDX-License-Identifier: GPL-2.0
/*
 * A Pike VM over the tagged NFA (see regex_capture.h).  A thread is a
 * state plus its capture slots; threads are kept in priority order and
 * two threads that reach one state at one position have the same future,
 * so the first (the higher priority) keeps it.  Priority is the order of
 * the NFA's edges: the left alternative, another loop iteration, taking
 * an optional part.  Of all the paths that make the leftmost-longest
 * match, the first in that order gives the groups, which is what glibc's
 * regexec reports.  Each state is expanded at most once per position.
 */
#include "regex_capture.h"

struct stp_re_vm {
	const struct stp_re_prog *p;
	int *caps[2];			/* [nstates][ncap] per list */
	unsigned short *on[2];		/* the state holds a thread */
	unsigned short *order[2];	/* the list's states, by priority */
	unsigned int count[2];
	unsigned short *stack;		/* (state, parent) pairs */
	int pos, len;
};

static int *stp_re_slot(struct stp_re_vm *vm, int list, unsigned int state)
{
	return vm->caps[list] + (unsigned long)state * vm->p->ncap;
}

/*
 * Adds @root with captures @from to @list, then everything its non-byte
 * edges reach, depth first in edge order (an explicit stack, no
 * recursion: each visit pushes its edges, so the stack holds at most
 * nedges + 1 entries).
 */
static void stp_re_add(struct stp_re_vm *vm, int list, unsigned int root,
		       const int *from)
{
	const struct stp_re_prog *p = vm->p;
	unsigned short *top = vm->stack;
	unsigned int i;

	*top++ = (unsigned short)root;
	*top++ = STP_RE_NONE;
	while (top > vm->stack) {
		unsigned int parent = *--top;
		unsigned int s = *--top;
		const struct stp_re_state *st = &p->states[s];
		const int *src = parent == STP_RE_NONE ? from : stp_re_slot(vm, list, parent);
		int *slot = stp_re_slot(vm, list, s);
		unsigned int e;

		if (vm->on[list][s])
			continue;
		vm->on[list][s] = 1;
		vm->order[list][vm->count[list]++] = (unsigned short)s;
		for (i = 0; i < p->ncap; i++)
			slot[i] = src[i];
		if (st->tag >= 0) {
			slot[st->tag] = vm->pos;
			if (!(st->tag & 1))
				slot[st->tag + 1] = -1;
		}
		/* Pushed last to first, so the first edge is explored first. */
		for (e = st->edge_first + st->edge_count; e-- > st->edge_first;) {
			const struct stp_re_edge *edge = &p->edges[e];

			if (edge->kind == STP_RE_BOL && vm->pos != 0)
				continue;
			if (edge->kind == STP_RE_EOL && vm->pos != vm->len)
				continue;
			if (vm->on[list][edge->to])
				continue;
			*top++ = edge->to;
			*top++ = (unsigned short)s;
		}
	}
}

static int stp_re_has_byte(const struct stp_re_prog *p,
			   const struct stp_re_state *st, unsigned char b)
{
	return st->on_byte != STP_RE_NONE &&
	       ((p->sets[st->set][b >> 3] >> (b & 7)) & 1);
}

static void stp_re_clear(struct stp_re_vm *vm, int list)
{
	unsigned int i;

	for (i = 0; i < vm->count[list]; i++)
		vm->on[list][vm->order[list][i]] = 0;
	vm->count[list] = 0;
}

int stp_re_run(const struct stp_re_prog *p, const char *s, int len,
	       void *work, int *cap)
{
	struct stp_re_vm vm;
	unsigned int n = p->nstates, ncap = p->ncap, i;
	int *seed, found = 0, cur = 0;

	vm.p = p;
	vm.len = len;
	vm.caps[0] = work;
	vm.caps[1] = vm.caps[0] + (unsigned long)n * ncap;
	seed = vm.caps[1] + (unsigned long)n * ncap;
	vm.on[0] = (unsigned short *)(seed + ncap);
	vm.on[1] = vm.on[0] + n;
	vm.order[0] = vm.on[1] + n;
	vm.order[1] = vm.order[0] + n;
	vm.stack = vm.order[1] + n;
	for (i = 0; i < n; i++)
		vm.on[0][i] = vm.on[1][i] = 0;
	vm.count[0] = vm.count[1] = 0;

	for (vm.pos = 0;; vm.pos++) {
		int next = !cur;

		/* A match starting here ranks below every older thread. */
		if (!found) {
			for (i = 0; i < ncap; i++)
				seed[i] = -1;
			seed[0] = vm.pos;
			stp_re_add(&vm, cur, p->start, seed);
		}
		if (vm.on[cur][p->accept]) {
			int *a = stp_re_slot(&vm, cur, p->accept);

			/* The same start, later: longer.  An older thread
			 * reaching the end after a younger one: further left. */
			if (!found || a[0] <= cap[0]) {
				for (i = 0; i < ncap; i++)
					cap[i] = a[i];
				cap[1] = vm.pos;
				found = 1;
			}
		}
		if (vm.pos >= len)
			break;
		stp_re_clear(&vm, next);
		vm.pos++;
		for (i = 0; i < vm.count[cur]; i++) {
			unsigned int state = vm.order[cur][i];
			const struct stp_re_state *st = &p->states[state];
			int *from = stp_re_slot(&vm, cur, state);

			/* Threads that started after the match cannot win. */
			if (found && from[0] > cap[0])
				continue;
			if (stp_re_has_byte(p, st, (unsigned char)s[vm.pos - 1]))
				stp_re_add(&vm, next, st->on_byte, from);
		}
		vm.pos--;
		stp_re_clear(&vm, cur);
		cur = next;
	}
	return found;
}
