/*
 * The target of the own-process rule's set-id cases: started as root,
 *   setid_work UID GID WHICH N
 * sets its real, effective and saved uid to UID and gid to GID, except the one
 * WHICH names ("ruid", "suid", "rgid", "sgid"), which stays root's
 * ("none": all UID), then calls work() N times.  It marks itself dumpable
 * again (the id change cleared that), so the ids alone decide.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/prctl.h>
#include <unistd.h>

__attribute__((noinline)) long work(long x)
{
	__asm__ volatile("" ::: "memory"); /* not folded into the loop */
	return 2 * x + 1;
}

int main(int argc, char **argv)
{
	if (argc != 5)
		return 2;
	uid_t uid = (uid_t)atol(argv[1]);
	gid_t gid = (gid_t)atol(argv[2]);
	const char *which = argv[3];
	long n = atol(argv[4]), sum = 0;
	/* The gids first: changing them needs root's uid. */
	gid_t rg = strcmp(which, "rgid") ? gid : 0;
	gid_t sg = strcmp(which, "sgid") ? gid : 0;
	uid_t ru = strcmp(which, "ruid") ? uid : 0;
	uid_t su = strcmp(which, "suid") ? uid : 0;

	if (setgroups(0, NULL) || setresgid(rg, gid, sg) ||
	    setresuid(ru, uid, su) || prctl(PR_SET_DUMPABLE, 1)) {
		perror("setid_work");
		return 1;
	}
	for (long i = 0; i < n; i++)
		sum += work(i);
	return sum == -1;
}
