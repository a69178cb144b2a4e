// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MSI vector count of the "msi-doorbell,test-msi" test device: a
 * device tree node with an msi-parent and no hardware behind it, which a
 * test puts in a device tree (QEMU's, for instance) to exercise the MSI
 * index of vfio-platform end to end: the test plays the device and
 * writes the messages to the doorbell itself.
 */

#include <linux/module.h>

#include "../vfio_platform_private.h"

#define TEST_MSI_COMPAT	"msi-doorbell,test-msi"
#define TEST_MSI_COUNT	4

static int vfio_platform_test_msi_count(struct vfio_platform_device *vdev)
{
	return TEST_MSI_COUNT;
}

static struct vfio_platform_msi_node vfio_platform_test_msi = {
	.compat = TEST_MSI_COMPAT,
	.owner = THIS_MODULE,
	.count = vfio_platform_test_msi_count,
};

static int __init vfio_platform_test_msi_init(void)
{
	vfio_platform_register_msi(&vfio_platform_test_msi);
	return 0;
}
module_init(vfio_platform_test_msi_init);

static void __exit vfio_platform_test_msi_exit(void)
{
	vfio_platform_unregister_msi(&vfio_platform_test_msi);
}
module_exit(vfio_platform_test_msi_exit);

MODULE_ALIAS("vfio-msi:" TEST_MSI_COMPAT);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("MSI count of the msi-doorbell,test-msi test device for vfio-platform");
