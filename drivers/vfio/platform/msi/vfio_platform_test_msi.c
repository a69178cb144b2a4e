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

#define TEST_MSI_COUNT	4

static int vfio_platform_test_msi_count(struct vfio_platform_device *vdev)
{
	return TEST_MSI_COUNT;
}

module_vfio_msi_count("msi-doorbell,test-msi", vfio_platform_test_msi_count);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("MSI count of the msi-doorbell,test-msi test device for vfio-platform");
