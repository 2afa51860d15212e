#include "stap_api.h"
unsigned long copy_from_user(void *to, const void *from, unsigned long n);
void kfree(const void *);
/* stap:loc bad.stp:2:1 */
void probe_1(void) {
  int i = 0;
  while (i < 3) { i++; }
again:
  if (i--) goto again;
  kfree(0);
  copy_from_user(0, 0, 1);
  __asm__("nop");
  void (*fp)(void) = stp_charge_action; fp();
  char keys[16]; (void)keys;
  (void)(int[]){ 1, 2 };
  /* stap:embedded-begin bad.stp:9:3 */
}
