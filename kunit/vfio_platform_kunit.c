// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the vfio-platform MSI index: where it is, the layout of
 * the IRQ info capabilities userspace reads, and where its count comes
 * from.  The expected values are the uAPI's, written out here as numbers.
 */

#include <kunit/test.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/vfio.h>

#include "vfio_platform_private.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

/* The MSI index follows the wired ones, whatever their number. */
static void vfio_platform_test_msi_index(struct kunit *test)
{
	struct vfio_platform_device *vdev;
	u32 wired;

	vdev = kunit_kzalloc(test, sizeof(*vdev), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, vdev);
	KUNIT_EXPECT_EQ(test, VFIO_PLATFORM_EXT_IRQ_MSI, 0);
	KUNIT_EXPECT_EQ(test, VFIO_PLATFORM_NUM_EXT_IRQS, 1);
	for (wired = 0; wired < 5; wired++) {
		vdev->num_wired_irqs = wired;
		KUNIT_EXPECT_EQ(test, vfio_platform_msi_index(vdev), wired);
	}
}

/* The uAPI's layout: appended, 64-bit aligned, never moved. */
static void vfio_platform_test_uapi_layout(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, offsetof(struct vfio_irq_info, argsz), 0);
	KUNIT_EXPECT_EQ(test, offsetof(struct vfio_irq_info, flags), 4);
	KUNIT_EXPECT_EQ(test, offsetof(struct vfio_irq_info, index), 8);
	KUNIT_EXPECT_EQ(test, offsetof(struct vfio_irq_info, count), 12);
	KUNIT_EXPECT_EQ(test, offsetof(struct vfio_irq_info, cap_offset), 16);
	KUNIT_EXPECT_EQ(test, sizeof(struct vfio_irq_info), 24);
	KUNIT_EXPECT_EQ(test, VFIO_IRQ_INFO_FLAG_CAPS, 0x10);

	KUNIT_EXPECT_EQ(test, sizeof(struct vfio_irq_info_cap_type), 16);
	KUNIT_EXPECT_EQ(test, offsetof(struct vfio_irq_info_cap_type, type), 8);
	KUNIT_EXPECT_EQ(test, sizeof(struct vfio_irq_msi_msg), 16);
	KUNIT_EXPECT_EQ(test, offsetof(struct vfio_irq_msi_msg, data), 8);
	KUNIT_EXPECT_EQ(test, offsetof(struct vfio_irq_msi_msg, flags), 12);
	KUNIT_EXPECT_EQ(test, sizeof(struct vfio_irq_info_cap_msi_msgs), 16);
	KUNIT_EXPECT_EQ(test, offsetof(struct vfio_irq_info_cap_msi_msgs, msgs), 16);
}

struct caps_test {
	struct vfio_platform_device vdev;
	struct vfio_platform_msi_ctx ctx[4];
	struct vfio_info_cap caps;
};

static void caps_free(void *data)
{
	struct vfio_info_cap *caps = data;

	kfree(caps->buf);
}

/* A device with 2 wired interrupts and 4 MSI vectors. */
static struct caps_test *caps_test(struct kunit *test)
{
	struct caps_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	raw_spin_lock_init(&t->vdev.msi_lock);
	t->vdev.num_wired_irqs = 2;
	t->vdev.num_irqs = 3;
	t->vdev.msi_count = 4;
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, caps_free,
							&t->caps), 0);
	return t;
}

static const struct vfio_info_cap_header *cap_at(struct kunit *test,
						 struct vfio_info_cap *caps,
						 size_t off, size_t size)
{
	KUNIT_ASSERT_LE(test, off + size, caps->size);
	KUNIT_EXPECT_EQ(test, off % 8, 0);
	return (void *)caps->buf + off;
}

static void vfio_platform_test_caps_wired(struct kunit *test)
{
	struct caps_test *t = caps_test(test);
	const struct vfio_irq_info_cap_type *type;

	KUNIT_ASSERT_EQ(test, vfio_platform_irq_info_caps(&t->vdev, 1,
							  &t->caps), 0);
	KUNIT_ASSERT_EQ(test, t->caps.size, 16);
	type = (const void *)cap_at(test, &t->caps, 0, 16);
	KUNIT_EXPECT_EQ(test, type->header.id, 1);
	KUNIT_EXPECT_EQ(test, type->header.version, 1);
	KUNIT_EXPECT_EQ(test, type->header.next, 0);
	KUNIT_EXPECT_EQ(test, type->type, 1);
	KUNIT_EXPECT_EQ(test, type->subtype, 1);
}

/* The MSI index before its vectors are allocated: what it is, no message. */
static void vfio_platform_test_caps_msi_off(struct kunit *test)
{
	struct caps_test *t = caps_test(test);
	const struct vfio_irq_info_cap_type *type;

	KUNIT_ASSERT_EQ(test, vfio_platform_irq_info_caps(&t->vdev, 2,
							  &t->caps), 0);
	KUNIT_ASSERT_EQ(test, t->caps.size, 16);
	type = (const void *)cap_at(test, &t->caps, 0, 16);
	KUNIT_EXPECT_EQ(test, type->header.next, 0);
	KUNIT_EXPECT_EQ(test, type->subtype, 2);
}

static void vfio_platform_test_caps_msi_msgs(struct kunit *test)
{
	struct caps_test *t = caps_test(test);
	const struct vfio_irq_info_cap_msi_msgs *msgs;
	const struct vfio_irq_info_cap_type *type;
	/* Only compared with NULL by the capability, never dereferenced. */
	struct eventfd_ctx *armed = (struct eventfd_ctx *)t;
	unsigned int i;

	t->vdev.msi_ctx = t->ctx;
	t->ctx[0].trigger = armed;
	t->ctx[0].msg.address_hi = 0x1;
	t->ctx[0].msg.address_lo = 0x08000040;
	t->ctx[0].msg.data = 0x2a;
	/* Vector 1: a stale message, but no eventfd: reported as none. */
	t->ctx[1].msg.address_lo = 0xdead0000;
	t->ctx[1].msg.data = 7;
	t->ctx[2].trigger = armed;
	t->ctx[2].msg.address_lo = 0x08000040;
	t->ctx[2].msg.data = 0;

	KUNIT_ASSERT_EQ(test, vfio_platform_irq_info_caps(&t->vdev, 2,
							  &t->caps), 0);
	/* 16 for the type, 16 + 4 * 16 for the messages. */
	KUNIT_ASSERT_EQ(test, t->caps.size, 16 + 16 + 64);
	type = (const void *)cap_at(test, &t->caps, 0, 16);
	KUNIT_EXPECT_EQ(test, type->subtype, 2);
	KUNIT_EXPECT_EQ(test, type->header.next, 16);
	msgs = (const void *)cap_at(test, &t->caps, 16, 80);
	KUNIT_EXPECT_EQ(test, msgs->header.id, 2);
	KUNIT_EXPECT_EQ(test, msgs->header.version, 1);
	KUNIT_EXPECT_EQ(test, msgs->header.next, 0);
	KUNIT_EXPECT_EQ(test, msgs->nr_msgs, 4);
	KUNIT_EXPECT_EQ(test, msgs->__reserved, 0);
	KUNIT_EXPECT_EQ(test, msgs->msgs[0].addr, 0x108000040ULL);
	KUNIT_EXPECT_EQ(test, msgs->msgs[0].data, 0x2a);
	KUNIT_EXPECT_EQ(test, msgs->msgs[0].flags, 1);
	KUNIT_EXPECT_EQ(test, msgs->msgs[2].addr, 0x08000040ULL);
	KUNIT_EXPECT_EQ(test, msgs->msgs[2].data, 0);
	KUNIT_EXPECT_EQ(test, msgs->msgs[2].flags, 1);
	for (i = 1; i < 4; i += 2) {
		KUNIT_EXPECT_EQ(test, msgs->msgs[i].addr, 0);
		KUNIT_EXPECT_EQ(test, msgs->msgs[i].data, 0);
		KUNIT_EXPECT_EQ(test, msgs->msgs[i].flags, 0);
	}
}

static int vfio_platform_test_count_7(struct vfio_platform_device *vdev)
{
	return 7;
}

static struct vfio_platform_msi_node vfio_platform_test_node = {
	.compat = "msi-doorbell,kunit",
	.owner = THIS_MODULE,
	.count = vfio_platform_test_count_7,
};

/* The count comes from the provider of the device's compatible, or none. */
static void vfio_platform_test_count_source(struct kunit *test)
{
	vfio_platform_msi_count_fn_t fn;
	struct module *owner = NULL;

	KUNIT_EXPECT_NULL(test, vfio_platform_lookup_msi("msi-doorbell,kunit",
							 &owner));
	vfio_platform_register_msi(&vfio_platform_test_node);
	fn = vfio_platform_lookup_msi("msi-doorbell,kunit", &owner);
	KUNIT_EXPECT_NOT_NULL(test, fn);
	if (fn) {
		KUNIT_EXPECT_EQ(test, fn(NULL), 7);
		KUNIT_EXPECT_PTR_EQ(test, owner, THIS_MODULE);
		module_put(owner);
	}
	/* A compatible is matched whole, not by prefix. */
	KUNIT_EXPECT_NULL(test, vfio_platform_lookup_msi("msi-doorbell,kuni",
							 &owner));
	KUNIT_EXPECT_NULL(test, vfio_platform_lookup_msi("msi-doorbell,kunit2",
							 &owner));
	vfio_platform_unregister_msi(&vfio_platform_test_node);
	KUNIT_EXPECT_NULL(test, vfio_platform_lookup_msi("msi-doorbell,kunit",
							 &owner));
}

/* The rig's test device: 4 vectors, where its provider is built in. */
static void vfio_platform_test_count_test_msi(struct kunit *test)
{
	vfio_platform_msi_count_fn_t fn;
	struct module *owner = NULL;

	if (!IS_BUILTIN(CONFIG_VFIO_PLATFORM_TEST_MSI))
		kunit_skip(test, "CONFIG_VFIO_PLATFORM_TEST_MSI is not built in");
	fn = vfio_platform_lookup_msi("msi-doorbell,test-msi", &owner);
	KUNIT_ASSERT_NOT_NULL(test, fn);
	KUNIT_EXPECT_EQ(test, fn(NULL), 4);
	module_put(owner);
}

static struct kunit_case vfio_platform_test_cases[] = {
	KUNIT_CASE(vfio_platform_test_msi_index),
	KUNIT_CASE(vfio_platform_test_uapi_layout),
	KUNIT_CASE(vfio_platform_test_caps_wired),
	KUNIT_CASE(vfio_platform_test_caps_msi_off),
	KUNIT_CASE(vfio_platform_test_caps_msi_msgs),
	KUNIT_CASE(vfio_platform_test_count_source),
	KUNIT_CASE(vfio_platform_test_count_test_msi),
	{}
};

static struct kunit_suite vfio_platform_test_suite = {
	.name = "vfio_platform_msi",
	.test_cases = vfio_platform_test_cases,
};

kunit_test_suite(vfio_platform_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests of the vfio-platform MSI index");
