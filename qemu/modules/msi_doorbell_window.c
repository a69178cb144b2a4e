// SPDX-License-Identifier: GPL-2.0
/*
 * A doorbell for vfio-window, registered at load and unregistered at
 * unload: @size bytes at WINDOW_BASE, safe, a window of per-device
 * doorbells if @per_device, owned by the irq_domain that registered the
 * machine's GICv3 ITS doorbell, so that every device behind that ITS
 * reaches it.  What a machine with a large MSI frame registers (SynQuacer's
 * pre-ITS window is 2 MiB), on a machine that has none.  Nothing maps it:
 * only what the registry counts changes, and so what VFIO type1 counts
 * against its software MSI window.
 *
 * Not part of the series: rig code, built out of tree against the test
 * kernel, using the registry's exports to KUnit.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/irqdomain.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/msi-doorbell.h>
#include <linux/msi-doorbell-kunit.h>
#include <linux/sizes.h>
#include <linux/slab.h>

/* Far above the virt machine's RAM and devices. */
#define WINDOW_BASE	0x4000000000ULL

static unsigned long size = SZ_2M;
module_param(size, ulong, 0444);
MODULE_PARM_DESC(size, "bytes of the doorbell (default 2 MiB)");

static bool per_device;
module_param(per_device, bool, 0444);
MODULE_PARM_DESC(per_device, "a window of per-device doorbells");

static struct msi_doorbell *window;

/* The owner of the first safe doorbell registered: the ITS's domain. */
static struct irq_domain *window_its_owner(void)
{
	struct msi_doorbell_snapshot snap = {};
	struct irq_domain *owner = NULL;
	unsigned int i;

	msi_doorbell_snapshot(&snap);
	snap.max = snap.nr;
	snap.info = kcalloc(max(snap.max, 1U), sizeof(*snap.info), GFP_KERNEL);
	if (!snap.info)
		return NULL;
	msi_doorbell_snapshot(&snap);
	for (i = 0; i < min(snap.nr, snap.max); i++) {
		if (snap.info[i].flags & MSI_DOORBELL_SAFE) {
			owner = snap.info[i].owner;
			break;
		}
	}
	kfree(snap.info);
	return owner;
}

static int __init window_init(void)
{
	struct irq_domain *owner = window_its_owner();
	phys_addr_t base = WINDOW_BASE;

	if (!owner) {
		pr_err("no safe doorbell is registered: no ITS to stand beside\n");
		return -ENODEV;
	}
	window = msi_doorbell_register(owner, base, size, MSI_DOORBELL_SAFE |
				       (per_device ? MSI_DOORBELL_PER_DEVICE : 0));
	if (IS_ERR(window))
		return PTR_ERR(window);
	pr_info("registered %#lx bytes at %pa%s, beside the ITS's doorbell\n",
		size, &base, per_device ? ", per device" : "");
	return 0;
}
module_init(window_init);

static void __exit window_exit(void)
{
	msi_doorbell_unregister(&window);
	pr_info("unregistered\n");
}
module_exit(window_exit);

MODULE_DESCRIPTION("A large MSI doorbell beside the ITS's, for the rig's vfio-window");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
