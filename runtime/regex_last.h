/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The last =~ of a probe handler, for matched(n) and matched_str().
 * Modules whose script calls them keep one struct stp_re_last per CPU
 * context after the frames (stp_regex_last), followed by the matcher's
 * work area; plain C types, like regex_capture.h, so
 * stap_api.h can include it too.
 */
#ifndef STP_REGEX_LAST_H
#define STP_REGEX_LAST_H

#ifndef MAXSTRINGLEN
#define MAXSTRINGLEN 512
#endif

enum stp_re_outcome {
	STP_RE_NOTHING = 1,	/* no =~ yet in this handler */
	STP_RE_FAILED,		/* the last =~ did not match */
	STP_RE_MATCHED,
};

struct stp_re_last {
	int outcome;		/* enum stp_re_outcome */
	int groups;		/* of the last matched pattern */
	char subject[MAXSTRINGLEN];
	int cap[];		/* 2 * (groups + 1), for the largest pattern */
};

struct stp_context;

/*
 * The context's struct stp_re_last: defined by the generated code of a
 * script that calls matched() or matched_str() (after its frames).
 */
struct stp_re_last *stp_regex_last(struct stp_context *c);

/* A handler starts with no match. */
void stp_regex_forget(struct stp_re_last *last);

/*
 * After =~ (its DFA answer @matched): on a match, finds and keeps the
 * groups of @p in a copy of @s, using @work (STP_RE_WORK_BYTES of @p).
 */
void stp_regex_record(struct stp_re_last *last, void *work,
		      const struct stp_re_prog *p, const char *s, int matched);

/*
 * matched(n): copies group @n of the last match into @out (MAXSTRINGLEN;
 * empty when the group took no part) and returns 0; or returns why not:
 * STP_RE_NOTHING, STP_RE_FAILED, or -1 when @n is out of range.
 */
int stp_regex_group(const struct stp_re_last *last, long long n, char *out);

#endif /* STP_REGEX_LAST_H */
