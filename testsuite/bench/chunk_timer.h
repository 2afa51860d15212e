/*
 * Times a benchmark loop as a whole and in chunks of CHUNK calls.  In a TCG
 * guest on a loaded host the virtual CPU is descheduled at random, which
 * only ever adds time; the fastest chunk is the one least disturbed, so
 * its per-call time is the steadiest figure to compare runs by.
 * Prints "loop_ns TOTAL calls N best_call_ns PER_CALL".
 */
#ifndef CHUNK_TIMER_H
#define CHUNK_TIMER_H

#include <stdio.h>
#include <time.h>

struct chunk_timer {
  long chunk, calls, in_chunk;
  long long start_ns, chunk_start_ns, best_chunk_ns;
};

static long long chunk_timer_now(void) {
  struct timespec t;

  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void chunk_timer_start(struct chunk_timer *t, long chunk) {
  t->chunk = chunk;
  t->calls = t->in_chunk = 0;
  t->best_chunk_ns = -1;
  t->start_ns = t->chunk_start_ns = chunk_timer_now();
}

/* After each call of the loop. */
static inline void chunk_timer_tick(struct chunk_timer *t) {
  long long now, took;

  t->calls++;
  if (++t->in_chunk < t->chunk) return;
  now = chunk_timer_now();
  took = now - t->chunk_start_ns;
  if (t->best_chunk_ns < 0 || took < t->best_chunk_ns) t->best_chunk_ns = took;
  t->chunk_start_ns = now;
  t->in_chunk = 0;
}

static void chunk_timer_print(const struct chunk_timer *t) {
  long long total = chunk_timer_now() - t->start_ns;
  /* Fewer calls than a chunk: the whole loop is the only sample. */
  double best = t->best_chunk_ns < 0 ? (double)total / (t->calls ? t->calls : 1)
                                     : (double)t->best_chunk_ns / t->chunk;

  printf("loop_ns %lld calls %ld best_call_ns %.1f\n", total, t->calls, best);
}

#endif /* CHUNK_TIMER_H */
