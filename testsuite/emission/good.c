#include "stap_api.h"
static int helper(int x) { return x + 1; }
/* stap:loc hello.stp:1:7 */
void probe_1(void) {
  int i;
  for (i = 0; i < 3; i++) { stp_charge_action(); stp_print("x"); }
  helper(2);
}
/* The budget hook may also be a macro, as the runtime's STP_ACTION is. */
struct ctx { long actions; };
#define STP_ACTION(c) do { (c)->actions++; } while (0)
void probe_2(struct ctx *c) {
  while (c->actions < 10) { STP_ACTION(c); }
}
