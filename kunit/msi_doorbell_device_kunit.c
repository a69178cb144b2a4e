// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of msi_device_doorbells(): the list of the MSI doorbells a
 * device reaches, which VFIO reports in VFIO_DEVICE_GET_INFO.
 *
 * Every expected list is written out by hand from the doorbells the case
 * registers and the hierarchy below.
 */

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/device.h>
#include <linux/irqdomain.h>
#include <linux/msi-doorbell.h>
#include <linux/string.h>

#include "msi_doorbell_test.h"

/*
 *   root (a per-device window)
 *    +- its (a safe doorbell)      +- its-pci (dev_its's MSI domain)
 *    +- v2m (two unsafe frames)    +- v2m-pci (dev_v2m's)
 *
 * dev_wired has no MSI domain.
 */
struct device_test {
	struct irq_domain	*root, *its, *v2m;
	struct device		*dev_its, *dev_v2m, *dev_wired;
	struct msi_doorbell	*v2m_low;
};

static int device_test_init(struct kunit *test)
{
	struct device_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	if (!t)
		return -ENOMEM;
	test->priv = t;
	t->root = msi_doorbell_test_domain(test, "msi-db-device-root", NULL);
	t->its = msi_doorbell_test_domain(test, "msi-db-device-its", t->root);
	t->v2m = msi_doorbell_test_domain(test, "msi-db-device-v2m", t->root);
	t->dev_its = kunit_device_register(test, "msi-db-device-dev-its");
	t->dev_v2m = kunit_device_register(test, "msi-db-device-dev-v2m");
	t->dev_wired = kunit_device_register(test, "msi-db-device-dev-wired");
	if (IS_ERR(t->dev_its) || IS_ERR(t->dev_v2m) || IS_ERR(t->dev_wired))
		return -ENODEV;
	dev_set_msi_domain(t->dev_its,
			   msi_doorbell_test_domain(test, "msi-db-device-its-pci", t->its));
	dev_set_msi_domain(t->dev_v2m,
			   msi_doorbell_test_domain(test, "msi-db-device-v2m-pci", t->v2m));

	/*
	 * Registered out of address order: the list is by base whatever the
	 * order of registration.
	 */
	msi_doorbell_test_register(test, t->root, 0xa0000000, 0x400000,
				   MSI_DOORBELL_SAFE | MSI_DOORBELL_PER_DEVICE);
	msi_doorbell_test_register(test, t->v2m, 0x90101040, 4, 0);
	t->v2m_low = msi_doorbell_test_register(test, t->v2m, 0x90100040, 4, 0);
	msi_doorbell_test_register(test, t->its, 0x90000040, 4, MSI_DOORBELL_SAFE);
	return 0;
}

static void device_test_expect(struct kunit *test,
			       const struct msi_doorbell_info *got,
			       phys_addr_t base, size_t size,
			       unsigned int flags, struct irq_domain *owner,
			       const char *owner_name)
{
	KUNIT_EXPECT_EQ(test, got->base, base);
	KUNIT_EXPECT_EQ(test, got->size, size);
	KUNIT_EXPECT_EQ(test, got->flags, flags);
	KUNIT_EXPECT_PTR_EQ(test, got->owner, owner);
	KUNIT_EXPECT_STREQ(test, got->owner_name, owner_name);
}

/* Each device gets the doorbells of its own hierarchy, by base. */
static void msi_doorbell_device_test_list(struct kunit *test)
{
	struct device_test *t = test->priv;
	struct msi_doorbell_info info[4];

	memset(info, 0, sizeof(info));
	KUNIT_ASSERT_EQ(test, msi_device_doorbells(t->dev_its, info, 4), 2U);
	device_test_expect(test, &info[0], 0x90000040, 4, MSI_DOORBELL_SAFE,
			   t->its, "msi-db-device-its");
	device_test_expect(test, &info[1], 0xa0000000, 0x400000,
			   MSI_DOORBELL_SAFE | MSI_DOORBELL_PER_DEVICE,
			   t->root, "msi-db-device-root");

	memset(info, 0, sizeof(info));
	KUNIT_ASSERT_EQ(test, msi_device_doorbells(t->dev_v2m, info, 4), 3U);
	device_test_expect(test, &info[0], 0x90100040, 4, 0, t->v2m,
			   "msi-db-device-v2m");
	device_test_expect(test, &info[1], 0x90101040, 4, 0, t->v2m,
			   "msi-db-device-v2m");
	device_test_expect(test, &info[2], 0xa0000000, 0x400000,
			   MSI_DOORBELL_SAFE | MSI_DOORBELL_PER_DEVICE,
			   t->root, "msi-db-device-root");

	/* No MSI domain: no doorbell, and nothing written. */
	memset(info, 0xa5, sizeof(info));
	KUNIT_EXPECT_EQ(test, msi_device_doorbells(t->dev_wired, info, 4), 0U);
	KUNIT_EXPECT_EQ(test, info[0].base, (phys_addr_t)0xa5a5a5a5a5a5a5a5ULL);
}

/* Too little room: the true count, and no write past it. */
static void msi_doorbell_device_test_room(struct kunit *test)
{
	struct device_test *t = test->priv;
	struct msi_doorbell_info info[2];

	KUNIT_EXPECT_EQ(test, msi_device_doorbells(t->dev_v2m, NULL, 0), 3U);

	memset(info, 0xa5, sizeof(info));
	KUNIT_EXPECT_EQ(test, msi_device_doorbells(t->dev_v2m, info, 1), 3U);
	device_test_expect(test, &info[0], 0x90100040, 4, 0, t->v2m,
			   "msi-db-device-v2m");
	KUNIT_EXPECT_EQ(test, info[1].base, (phys_addr_t)0xa5a5a5a5a5a5a5a5ULL);
	KUNIT_EXPECT_EQ(test, info[1].size, (size_t)0xa5a5a5a5a5a5a5a5ULL);
}

/* The list follows the registry: a doorbell gone is gone from it. */
static void msi_doorbell_device_test_follow(struct kunit *test)
{
	struct device_test *t = test->priv;
	struct msi_doorbell_info info[4];
	struct irq_domain *other;

	kunit_release_action(test, msi_doorbell_test_unregister, t->v2m_low);
	memset(info, 0, sizeof(info));
	KUNIT_ASSERT_EQ(test, msi_device_doorbells(t->dev_v2m, info, 4), 2U);
	device_test_expect(test, &info[0], 0x90101040, 4, 0, t->v2m,
			   "msi-db-device-v2m");
	device_test_expect(test, &info[1], 0xa0000000, 0x400000,
			   MSI_DOORBELL_SAFE | MSI_DOORBELL_PER_DEVICE,
			   t->root, "msi-db-device-root");
	/* The ITS device never reached it. */
	KUNIT_EXPECT_EQ(test, msi_device_doorbells(t->dev_its, NULL, 0), 2U);

	/* A doorbell of a domain no device has: nobody's. */
	other = msi_doorbell_test_domain(test, "msi-db-device-other", NULL);
	msi_doorbell_test_register(test, other, 0x90200040, 4, 0);
	KUNIT_EXPECT_EQ(test, msi_device_doorbells(t->dev_its, NULL, 0), 2U);
	KUNIT_EXPECT_EQ(test, msi_device_doorbells(t->dev_v2m, NULL, 0), 2U);
}

static struct kunit_case msi_doorbell_device_test_cases[] = {
	KUNIT_CASE(msi_doorbell_device_test_list),
	KUNIT_CASE(msi_doorbell_device_test_room),
	KUNIT_CASE(msi_doorbell_device_test_follow),
	{}
};

static struct kunit_suite msi_doorbell_device_test_suite = {
	.name = "msi_doorbell_device_list",
	.init = device_test_init,
	.test_cases = msi_doorbell_device_test_cases,
};

kunit_test_suite(msi_doorbell_device_test_suite);

MODULE_DESCRIPTION("KUnit tests of the MSI doorbells a device reaches");
MODULE_LICENSE("GPL");
