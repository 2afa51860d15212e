// SPDX-License-Identifier: GPL-2.0
#include "config.h"
#include "regex.h"

int stp_dfa_match(const struct stp_dfa *d, const char *s)
{
	unsigned int state = 0;
	unsigned int i;

	for (i = 0; i < MAXSTRINGLEN && s[i]; i++) {
		if (d->accept[state] & 1)
			return 1;
		state = d->next[state * d->classes + d->byte_class[(u8)s[i]]];
	}
	return (d->accept[state] & 3) != 0;
}

void stp_regex_forget(struct stp_re_last *last)
{
	last->outcome = STP_RE_NOTHING;
}

void stp_regex_record(struct stp_re_last *last, void *work,
		      const struct stp_re_prog *p, const char *s, int matched)
{
	int len = 0;

	last->outcome = STP_RE_FAILED;
	if (!matched)
		return;
	while (len < MAXSTRINGLEN - 1 && s[len]) {
		last->subject[len] = s[len];
		len++;
	}
	last->subject[len] = '\0';
	/* The DFA said yes, so the Pike VM finds the match too. */
	if (!stp_re_run(p, last->subject, len, work, last->cap))
		return;
	last->groups = p->ncap / 2 - 1;
	last->outcome = STP_RE_MATCHED;
}

int stp_regex_group(const struct stp_re_last *last, long long n, char *out)
{
	int from, to, i;

	out[0] = '\0';
	/* Never 0, which means success here. */
	if (last->outcome != STP_RE_MATCHED)
		return last->outcome == STP_RE_FAILED ? STP_RE_FAILED : STP_RE_NOTHING;
	if (n < 0 || n > last->groups)
		return -1;
	from = last->cap[2 * n];
	to = last->cap[2 * n + 1];
	if (from < 0 || to < from)
		return 0;
	for (i = from; i < to; i++)
		out[i - from] = last->subject[i];
	out[to - from] = '\0';
	return 0;
}
