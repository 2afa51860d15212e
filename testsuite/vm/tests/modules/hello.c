// The smallest useful module: proves that a module built with kbuild against
// the distro headers loads, logs and unloads in the test VM.
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

static int __init stapvm_hello_init(void)
{
	pr_info("stapvm_hello: hello, kernel\n");
	return 0;
}

static void __exit stapvm_hello_exit(void)
{
	pr_info("stapvm_hello: goodbye, kernel\n");
}

module_init(stapvm_hello_init);
module_exit(stapvm_hello_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("stapvm test: hello world");
