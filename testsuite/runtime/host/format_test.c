// SPDX-License-Identifier: GPL-2.0
/*
 * Host test of the runtime's pure parts (format.c, stp_string.c), built
 * against small shims of the kernel headers: formatter corner cases and
 * bounded strings, fast and without the VM.  Prints each failure.
 */
#include <stdio.h>
#include <string.h>
#include "format.h"
#include "privilege.h"
#include "stp_string.h"

/*
 * The privilege record the formatter consults for %m/%M: built twice,
 * as a stapdev module (memory.kernel.read) and with STAPUSR_RECORD as a
 * stapusr one (without it: %m/%M refused).
 */
#ifdef STAPUSR_RECORD
STP_PRIVILEGE("stapusr", "probe.begin_end,memory.kernel.reader,memory.user.own");
#else
STP_PRIVILEGE("stapdev", "probe.begin_end,memory.kernel.read");
#endif

static int failures;

static void expect_fmt(const char *fmt, const struct stp_val *args,
		       unsigned int n, const char *want)
{
	char buf[256];

	stp_sprintf(buf, sizeof(buf), fmt, args, n);
	if (strcmp(buf, want)) {
		printf("FAIL: format \"%s\": got \"%s\", want \"%s\"\n", fmt,
		       buf, want);
		failures++;
	}
}

#define FMT(fmt, want, ...)                                             \
	do {                                                            \
		const struct stp_val a_[] = { __VA_ARGS__ };            \
		expect_fmt(fmt, a_, sizeof(a_) / sizeof(a_[0]), want);  \
	} while (0)

static void expect_str(const char *what, const char *got, const char *want)
{
	if (strcmp(got, want)) {
		printf("FAIL: %s: got \"%s\", want \"%s\"\n", what, got, want);
		failures++;
	}
}

int main(void)
{
	static const char mem[] = "\x01\xab" "xyz";
	char s[MAXSTRINGLEN], big[MAXSTRINGLEN + 10];
	char small[6];

	FMT("%d|%i|%u", "-5|7|18446744073709551611", STP_LONG(-5),
	    STP_LONG(7), STP_LONG(-5));
	FMT("[%5d][%-5d][%05d][%+d][% d][%+05d]",
	    "[   42][42   ][00042][+42][ 42][+0042]", STP_LONG(42),
	    STP_LONG(42), STP_LONG(42), STP_LONG(42), STP_LONG(42),
	    STP_LONG(42));
	FMT("[%.0d][%.3d][%-6.3d][%06.3d]", "[][007][007   ][   007]",
	    STP_LONG(0), STP_LONG(7), STP_LONG(7), STP_LONG(7));
	FMT("[%x][%#x][%#X][%#x][%#o][%o][%#08x]",
	    "[ff][0xff][0XFF][0][017][0][0x0000ff]", STP_LONG(255),
	    STP_LONG(255), STP_LONG(255), STP_LONG(0), STP_LONG(15),
	    STP_LONG(0), STP_LONG(255));
	FMT("[%*d][%-*d][%*d][%.*s]", "[   1][2   ][3   ][ab]", STP_LONG(4),
	    STP_LONG(1), STP_LONG(4), STP_LONG(2), STP_LONG(-4), STP_LONG(3),
	    STP_LONG(2), STP_STR("abc"));
	FMT("[%s][%6.2s][%-4s][%c][%3c]", "[x][    ab][y   ][Z][  q]",
	    STP_STR("x"), STP_STR("abc"), STP_STR("y"), STP_LONG('Z'),
	    STP_LONG('q'));
	FMT("[%p][%20p][%-6p]", "[0x00000000000000ff][                0xff][0x1   ]",
	    STP_LONG(255), STP_LONG(255), STP_LONG(1));
	FMT("[%ld][%lld][%lu][%hx][%zd]", "[1][2][3][ff][4]", STP_LONG(1),
	    STP_LONG(2), STP_LONG(3), STP_LONG(255), STP_LONG(4));
	FMT("100%% [%q] [%5%]", "100% [%q] [%]");
	/* Missing arguments read as 0 and "". */
	FMT("[%d][%s]", "[0][]");
	FMT("%d", "-9223372036854775808", STP_LONG(INT64_MIN));
#ifndef STAPUSR_RECORD
	FMT("[%.2M][%.1m][%4.1M]", "[01ab][\x01][  01]",
	    STP_LONG((long)mem), STP_LONG((long)mem), STP_LONG((long)mem));
#endif
	{
		const struct stp_val a[] = { STP_LONG(0x41424344) };
		char buf[16];

		if (stp_sprintf(buf, sizeof(buf), "%4b", a, 1) != 4 ||
		    memcmp(buf, "DCBA", 4)) {
			printf("FAIL: %%4b\n");
			failures++;
		}
	}
	/* sprintf truncates and terminates. */
	stp_sprintf(small, sizeof(small), "%s", (struct stp_val[]){
		STP_STR("truncated") }, 1);
	expect_str("sprintf truncation", small, "trunc");

	stp_str_copy(s, "abc");
	stp_str_concat(s, s, "def");
	expect_str("concat dst=a", s, "abcdef");
	stp_str_concat(s, "<", s);
	expect_str("concat dst=b", s, "<abcdef");
	stp_str_append(s, s);
	expect_str("append self", s, "<abcdef<abcdef");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	stp_str_copy(s, big);
	if (strlen(s) != MAXSTRINGLEN - 1) {
		printf("FAIL: copy not truncated to MAXSTRINGLEN-1\n");
		failures++;
	}
	stp_str_append(s, "more");
	stp_str_concat(s, "y", s);
	if (strlen(s) != MAXSTRINGLEN - 1 || s[0] != 'y') {
		printf("FAIL: concat of a full string\n");
		failures++;
	}
	stp_str_from_long(s, -42);
	expect_str("from_long", s, "-42");

#ifdef STAPUSR_RECORD
	/* %m/%M read nothing without memory.kernel.read in the record. */
	{
		const struct stp_val a[] = { STP_LONG((long)mem) };
		const char *error = NULL;

		stp_sprintf_error(s, MAXSTRINGLEN, "<%.6m|%2.1M>", a, 1,
				  &error);
		expect_str("%m without memory.kernel.read", s, "<|>");
		if (!error || !strstr(error, "memory.kernel.read")) {
			printf("FAIL: %%m without memory.kernel.read: no error\n");
			failures++;
		}
		if (!stp_module_has_action("memory.user.own") ||
		    stp_module_has_action("memory.kernel.read") ||
		    stp_module_has_action("memory.kernel") ||
		    stp_module_has_action("probe")) {
			printf("FAIL: stp_module_has_action matches partly\n");
			failures++;
		}
	}
#endif

	if (failures)
		return 1;
	printf("PASS: runtime formatter and strings\n");
	return 0;
}
