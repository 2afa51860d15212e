#include "stap_api.h"
/* stap:tapset-c-begin */
#ifdef __clang__
static int seen_by_the_check_only;
#endif
static void tapset_helper(void) { for (;;) { } }
/* stap:tapset-c-end */
/* stap:loc hidden.stp:1:1 */
void probe_1(void) {
#if !defined(STAP_EMISSION_CHECK) && __GNUC__ >= 4
  tapset_helper();
#endif
}
