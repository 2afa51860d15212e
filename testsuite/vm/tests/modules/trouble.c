// A module that misbehaves on purpose, so the tests can prove that stapvm
// notices kernel warnings and oopses: load it with what=warn or what=oops.
#include <linux/bug.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/string.h>

static char *what = "warn";
module_param(what, charp, 0444);
MODULE_PARM_DESC(what, "warn: WARN() once; oops: write through a NULL pointer");

static int __init stapvm_trouble_init(void)
{
	if (strcmp(what, "warn") == 0) {
		WARN(1, "stapvm_trouble: deliberate warning\n");
	} else if (strcmp(what, "oops") == 0) {
		// volatile, so the compiler cannot drop or "optimise" the store.
		int *volatile null = NULL;

		pr_info("stapvm_trouble: about to oops\n");
		*null = 1;
	}
	return 0;
}

static void __exit stapvm_trouble_exit(void)
{
}

module_init(stapvm_trouble_init);
module_exit(stapvm_trouble_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("stapvm test: deliberate kernel warnings and oopses");
