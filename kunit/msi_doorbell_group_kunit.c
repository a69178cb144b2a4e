// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of what an IOMMU group is told about its MSI doorbells:
 * the text of /sys/kernel/iommu_groups/N/msi_doorbells, and the group's
 * own override (msi_unsafe_allowed) in the decision every VFIO backend
 * takes, msi_device_check_isolated().
 *
 * The expected text is written out in full by hand, from the doorbells
 * each case registers.
 */

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/irqdomain.h>
#include <linux/msi-doorbell.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "msi_doorbell_test.h"

/*
 *   root
 *    +- its (safe doorbell)     +- its-pci (dev_its's MSI domain)
 *    +- v2m (unsafe doorbells)  +- v2m-pci (dev_v2m's)
 *
 * dev_wired has no MSI domain.
 */
struct group_test {
	struct irq_domain	*root, *its, *v2m;
	struct device		*dev_its, *dev_v2m, *dev_wired;
	char			*buf;	/* a sysfs buffer: one page */
};

static void group_test_free_page(void *buf)
{
	free_page((unsigned long)buf);
}

static int group_test_init(struct kunit *test)
{
	struct group_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	if (!t)
		return -ENOMEM;
	test->priv = t;
	t->root = msi_doorbell_test_domain(test, "msi-db-group-root", NULL);
	t->its = msi_doorbell_test_domain(test, "msi-db-group-its", t->root);
	t->v2m = msi_doorbell_test_domain(test, "msi-db-group-v2m", t->root);
	t->dev_its = kunit_device_register(test, "msi-db-group-dev-its");
	t->dev_v2m = kunit_device_register(test, "msi-db-group-dev-v2m");
	t->dev_wired = kunit_device_register(test, "msi-db-group-dev-wired");
	if (IS_ERR(t->dev_its) || IS_ERR(t->dev_v2m) || IS_ERR(t->dev_wired))
		return -ENODEV;
	dev_set_msi_domain(t->dev_its,
			   msi_doorbell_test_domain(test, "msi-db-group-its-pci", t->its));
	dev_set_msi_domain(t->dev_v2m,
			   msi_doorbell_test_domain(test, "msi-db-group-v2m-pci", t->v2m));

	/* sysfs_emit_at() wants a page. */
	t->buf = (char *)get_zeroed_page(GFP_KERNEL);
	if (!t->buf)
		return -ENOMEM;
	if (kunit_add_action_or_reset(test, group_test_free_page, t->buf))
		return -ENOMEM;

	/* A safe ITS doorbell; an unsafe v2m frame and one that straddles. */
	msi_doorbell_test_register(test, t->its, 0x80000040, 4, MSI_DOORBELL_SAFE);
	msi_doorbell_test_register(test, t->v2m, 0x80100040, 4, 0);
	msi_doorbell_test_register(test, t->v2m, 0x80100ffc, 8, 0);
	return 0;
}

static const char *group_test_show(struct kunit *test, struct device **devs,
				   unsigned int nr)
{
	struct group_test *t = test->priv;
	ssize_t len;

	memset(t->buf, 0, PAGE_SIZE);
	len = msi_devices_doorbells_show(devs, nr, t->buf);
	KUNIT_EXPECT_EQ(test, len, (ssize_t)strlen(t->buf));
	return t->buf;
}

static void msi_doorbell_group_test_text(struct kunit *test)
{
	struct group_test *t = test->priv;
	struct device *devs[2];
	char *want;

	devs[0] = t->dev_its;
	KUNIT_EXPECT_STREQ(test, group_test_show(test, devs, 1),
			   "0x80000040 0x4 safe msi-db-group-its 1\n"
			   "allowed\n");

	devs[0] = t->dev_wired;
	KUNIT_EXPECT_STREQ(test, group_test_show(test, devs, 1),
			   "no MSI doorbell: no device of the group reaches a registered one\n"
			   "allowed\n");

	/*
	 * 0x80100ffc + 8 ends in the next page: two.  No group: no file to
	 * name.  (KUnit names its devices TEST.NAME.)
	 */
	devs[0] = t->dev_v2m;
	want = kasprintf(GFP_KERNEL,
			 "0x80100040 0x4 unsafe msi-db-group-v2m 1\n"
			 "0x80100ffc 0x8 unsafe msi-db-group-v2m 2\n"
			 "refused: %s: it can forge MSIs through the unsafe doorbell 0x0000000080100040 (msi-db-group-v2m); set the VFIO backend's allow_unsafe_interrupts=1 to allow it anyway\n",
			 dev_name(t->dev_v2m));
	KUNIT_ASSERT_NOT_NULL(test, want);
	KUNIT_EXPECT_STREQ(test, group_test_show(test, devs, 1), want);
	kfree(want);

	/* Both: every doorbell either reaches, by address; the v2m one decides. */
	devs[0] = t->dev_its;
	devs[1] = t->dev_v2m;
	want = kasprintf(GFP_KERNEL,
			 "0x80000040 0x4 safe msi-db-group-its 1\n"
			 "0x80100040 0x4 unsafe msi-db-group-v2m 1\n"
			 "0x80100ffc 0x8 unsafe msi-db-group-v2m 2\n"
			 "refused: %s: it can forge MSIs through the unsafe doorbell 0x0000000080100040 (msi-db-group-v2m); set the VFIO backend's allow_unsafe_interrupts=1 to allow it anyway\n",
			 dev_name(t->dev_v2m));
	KUNIT_ASSERT_NOT_NULL(test, want);
	KUNIT_EXPECT_STREQ(test, group_test_show(test, devs, 2), want);
	kfree(want);
}

struct group_test_group {
	struct iommu_group	*group;
	struct device		*dev;
};

static void group_test_group_remove(void *data)
{
	struct group_test_group *g = data;

	iommu_group_remove_device(g->dev);
	iommu_group_put(g->group);
}

/* A group of its own for @dev; its id. */
static int group_test_group(struct kunit *test, struct device *dev)
{
	struct group_test_group *g = kunit_kzalloc(test, sizeof(*g), GFP_KERNEL);
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, g);
	g->group = iommu_group_alloc();
	KUNIT_ASSERT_FALSE(test, IS_ERR(g->group));
	g->dev = dev;
	ret = iommu_group_add_device(g->group, dev);
	if (ret)
		iommu_group_put(g->group);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							group_test_group_remove,
							g), 0);
	return iommu_group_id(g->group);
}

static void msi_doorbell_group_test_override(struct kunit *test)
{
	struct group_test *t = test->priv;
	struct iommu_group *group;
	char *want;
	int id;

	id = group_test_group(test, t->dev_v2m);
	group = iommu_group_get(t->dev_v2m);
	KUNIT_ASSERT_NOT_NULL(test, group);

	/* Off by default: refused, the group's own file named. */
	KUNIT_EXPECT_FALSE(test, iommu_group_msi_unsafe_allowed(group));
	KUNIT_EXPECT_EQ(test, msi_device_check_isolated(t->dev_v2m, "test.allow", false),
			-EPERM);
	want = kasprintf(GFP_KERNEL,
			 "0x80100040 0x4 unsafe msi-db-group-v2m 1\n"
			 "0x80100ffc 0x8 unsafe msi-db-group-v2m 2\n"
			 "refused: %s: it can forge MSIs through the unsafe doorbell 0x0000000080100040 (msi-db-group-v2m); write 1 to /sys/kernel/iommu_groups/%d/msi_unsafe_allowed to allow it anyway\n",
			 dev_name(t->dev_v2m), id);
	KUNIT_ASSERT_NOT_NULL(test, want);
	KUNIT_EXPECT_STREQ(test, group_test_show(test, &t->dev_v2m, 1), want);
	kfree(want);
	/* The machine-wide override of a backend still lets it through. */
	KUNIT_EXPECT_EQ(test, msi_device_check_isolated(t->dev_v2m, "test.allow", true), 0);

	/* The group's own override: through, and said so. */
	KUNIT_EXPECT_EQ(test, iommu_group_set_msi_unsafe_allowed(group, true), 0);
	KUNIT_EXPECT_TRUE(test, iommu_group_msi_unsafe_allowed(group));
	KUNIT_EXPECT_EQ(test, msi_device_check_isolated(t->dev_v2m, "test.allow", false), 0);
	want = kasprintf(GFP_KERNEL,
			 "0x80100040 0x4 unsafe msi-db-group-v2m 1\n"
			 "0x80100ffc 0x8 unsafe msi-db-group-v2m 2\n"
			 "allowed-unsafe (/sys/kernel/iommu_groups/%d/msi_unsafe_allowed=1): %s: it can forge MSIs through the unsafe doorbell 0x0000000080100040 (msi-db-group-v2m)\n",
			 id, dev_name(t->dev_v2m));
	KUNIT_ASSERT_NOT_NULL(test, want);
	KUNIT_EXPECT_STREQ(test, group_test_show(test, &t->dev_v2m, 1), want);
	kfree(want);
	/* It does not make the doorbells safe. */
	KUNIT_EXPECT_FALSE(test, msi_device_has_isolated_msi(t->dev_v2m));

	/* Cleared: refused again. */
	KUNIT_EXPECT_EQ(test, iommu_group_set_msi_unsafe_allowed(group, false), 0);
	KUNIT_EXPECT_EQ(test, msi_device_check_isolated(t->dev_v2m, "test.allow", false),
			-EPERM);
	iommu_group_put(group);
}

/* A safe device's group is allowed whatever its override says. */
static void msi_doorbell_group_test_safe(struct kunit *test)
{
	struct group_test *t = test->priv;
	struct iommu_group *group;

	group_test_group(test, t->dev_its);
	group = iommu_group_get(t->dev_its);
	KUNIT_ASSERT_NOT_NULL(test, group);
	KUNIT_EXPECT_EQ(test, msi_device_check_isolated(t->dev_its, "test.allow", false), 0);
	KUNIT_EXPECT_EQ(test, iommu_group_set_msi_unsafe_allowed(group, true), 0);
	KUNIT_EXPECT_STREQ(test, group_test_show(test, &t->dev_its, 1),
			   "0x80000040 0x4 safe msi-db-group-its 1\n"
			   "allowed\n");
	KUNIT_EXPECT_EQ(test, iommu_group_set_msi_unsafe_allowed(group, false), 0);
	iommu_group_put(group);
}

static struct kunit_case msi_doorbell_group_test_cases[] = {
	KUNIT_CASE(msi_doorbell_group_test_text),
	KUNIT_CASE(msi_doorbell_group_test_override),
	KUNIT_CASE(msi_doorbell_group_test_safe),
	{}
};

static struct kunit_suite msi_doorbell_group_test_suite = {
	.name = "msi_doorbell_group",
	.init = group_test_init,
	.test_cases = msi_doorbell_group_test_cases,
};

kunit_test_suite(msi_doorbell_group_test_suite);

MODULE_DESCRIPTION("KUnit tests of the MSI doorbell verdict of IOMMU groups");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
