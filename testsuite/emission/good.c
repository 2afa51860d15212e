#include "stap_api.h"
static int helper(int x) { return x + 1; }
/* stap:loc hello.stp:1:7 */
void probe_1(void) {
  int i;
  for (i = 0; i < 3; i++) { stp_charge_action(); stp_print("x"); }
  helper(2);
}
