// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the type1 MSI gate, vfio_iommu_msi_check(), on the IOMMU
 * group of a real device: QEMU's edu PCI device [1234:11e8].  Included by
 * vfio_iommu_type1.c, whose statics it calls.
 *
 * Whether the device is safe is read from the device tree: behind a GICv3
 * ITS it is, behind a GICv2m frame it is not.  Either way it reaches one
 * doorbell page (GITS_TRANSLATER or MSI_SETSPI_NS).
 *
 * edu has no driver, and its IOMMU group only appears when one binds: the
 * suite binds it to vfio-pci, as userspace would, and unbinds it after.
 */

#include <kunit/test.h>
#include <linux/device/driver.h>
#include <linux/of.h>
#include <linux/pci.h>

struct vfio_gate_test {
	struct pci_dev			*pdev;
	struct iommu_group		*group;
	struct list_head		resv;
	struct iommu_resv_region	*sw_msi;
	struct irq_domain		*domain;
	struct msi_doorbell		*db;
	bool				safe;
	bool				allow;
	bool				bound;
};

static bool vfio_gate_dt_has(const char *compatible)
{
	struct device_node *np;

	for_each_compatible_node(np, NULL, compatible) {
		if (of_device_is_available(np)) {
			of_node_put(np);
			return true;
		}
	}
	return false;
}

static int vfio_gate_test_init(struct kunit *test)
{
	struct vfio_gate_test *t;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	INIT_LIST_HEAD(&t->resv);
	t->allow = allow_unsafe_interrupts;
	test->priv = t;

	if (vfio_gate_dt_has("arm,gic-v3-its"))
		t->safe = true;
	else if (!vfio_gate_dt_has("arm,gic-v2m-frame"))
		kunit_skip(test, "neither a GICv3 ITS nor a GICv2m frame");

	/* The IOMMU may still be probing, deferred, when the suite runs. */
	wait_for_device_probe();
	t->pdev = pci_get_device(0x1234, 0x11e8, NULL);
	if (!t->pdev)
		kunit_skip(test, "no edu PCI device");
	t->group = iommu_group_get(&t->pdev->dev);
	if (!t->group && !t->pdev->dev.driver) {
		if (device_set_driver_override(&t->pdev->dev, "vfio-pci"))
			return -ENOMEM;
		t->bound = device_attach(&t->pdev->dev) > 0;
		t->group = iommu_group_get(&t->pdev->dev);
	}
	if (!t->group)
		kunit_skip(test, "edu is not behind an IOMMU");
	t->domain = dev_get_msi_domain(&t->pdev->dev);
	if (iommu_get_group_resv_regions(t->group, &t->resv))
		return -ENOMEM;
	t->sw_msi = vfio_iommu_sw_msi(&t->resv);
	return 0;
}

static void vfio_gate_test_exit(struct kunit *test)
{
	struct vfio_gate_test *t = test->priv;

	if (!t)
		return;
	allow_unsafe_interrupts = t->allow;
	msi_doorbell_unregister(t->db);
	vfio_iommu_resv_free(&t->resv);
	iommu_group_put(t->group);
	if (t->bound)
		device_release_driver(&t->pdev->dev);
	if (t->pdev)
		device_set_driver_override(&t->pdev->dev, "");
	pci_dev_put(t->pdev);
}

static int vfio_gate(struct vfio_gate_test *t, bool allow)
{
	allow_unsafe_interrupts = allow;
	return vfio_iommu_msi_check(t->group, PAGE_SIZE, t->sw_msi);
}

static void vfio_gate_test_machine(struct kunit *test)
{
	struct vfio_gate_test *t = test->priv;

	kunit_info(test, "edu behind %s\n", t->safe ? "an ITS" : "a v2m frame");
	KUNIT_EXPECT_EQ(test, vfio_gate(t, false), t->safe ? 0 : -EPERM);
	/* The override lets either in. */
	KUNIT_EXPECT_EQ(test, vfio_gate(t, true), 0);
}

/* An unsafe doorbell on the device's own MSI domain flips the decision. */
static void vfio_gate_test_unsafe_doorbell(struct kunit *test)
{
	struct vfio_gate_test *t = test->priv;

	if (!t->domain)
		kunit_skip(test, "edu has no MSI domain");
	t->db = msi_doorbell_register(t->domain, 0x3f000000, 4, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t->db);
	KUNIT_EXPECT_EQ(test, vfio_gate(t, false), -EPERM);
	KUNIT_EXPECT_EQ(test, vfio_gate(t, true), 0);

	msi_doorbell_unregister(t->db);
	t->db = NULL;
	KUNIT_EXPECT_EQ(test, vfio_gate(t, false), t->safe ? 0 : -EPERM);
}

/*
 * The software MSI window holds R = length / PAGE_SIZE pages.  The device
 * reaches one doorbell page already: a safe doorbell of R - 1 pages fits
 * exactly, one of R pages does not.
 */
static void vfio_gate_test_window(struct kunit *test)
{
	struct vfio_gate_test *t = test->priv;
	size_t room;

	if (!t->domain)
		kunit_skip(test, "edu has no MSI domain");
	if (!t->sw_msi)
		kunit_skip(test, "no software MSI window");
	room = t->sw_msi->length / PAGE_SIZE;
	kunit_info(test, "MSI window %pa+%#zx: %zu pages\n", &t->sw_msi->start,
		   t->sw_msi->length, room);

	t->db = msi_doorbell_register(t->domain, 0x40000000,
				      (room - 1) * PAGE_SIZE, MSI_DOORBELL_SAFE);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t->db);
	KUNIT_EXPECT_EQ(test, vfio_gate(t, true), 0);
	msi_doorbell_unregister(t->db);

	t->db = msi_doorbell_register(t->domain, 0x40000000, room * PAGE_SIZE,
				      MSI_DOORBELL_SAFE);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t->db);
	KUNIT_EXPECT_EQ(test, vfio_gate(t, true), -ENOSPC);
	/* Unsafe and too big: the safety verdict comes first. */
	if (!t->safe)
		KUNIT_EXPECT_EQ(test, vfio_gate(t, false), -EPERM);
}

/*
 * A doorbell unregistered while a container maps it is unmapped from the
 * container's MSI window, unless another doorbell still shares its page.
 * The mapping is made here as the MSI cookie would make it, in the last
 * page of the window, for two doorbells that share a page.
 */
static void vfio_gate_test_doorbell_gone(struct kunit *test)
{
	struct vfio_gate_test *t = test->priv;
	struct vfio_domain *domain;
	struct msi_doorbell *other;
	struct vfio_iommu *iommu;
	bool claimed;
	dma_addr_t iova;
	int ret;

	if (!t->domain)
		kunit_skip(test, "edu has no MSI domain");
	if (!t->sw_msi)
		kunit_skip(test, "no software MSI window");

	allow_unsafe_interrupts = true;
	iommu = vfio_iommu_type1_open(VFIO_TYPE1v2_IOMMU);
	KUNIT_ASSERT_FALSE(test, IS_ERR(iommu));
	ret = iommu_group_claim_dma_owner(t->group, iommu);
	KUNIT_EXPECT_EQ(test, ret, 0);
	claimed = !ret;
	if (claimed) {
		ret = vfio_iommu_type1_attach_group(iommu, t->group, VFIO_IOMMU);
		KUNIT_EXPECT_EQ(test, ret, 0);
	}
	if (ret)
		goto out;

	domain = list_first_entry(&iommu->domain_list, struct vfio_domain, next);
	KUNIT_EXPECT_EQ(test, domain->msi_base, (dma_addr_t)t->sw_msi->start);
	KUNIT_EXPECT_EQ(test, domain->msi_size, t->sw_msi->length);
	iova = domain->msi_base + domain->msi_size - PAGE_SIZE;

	t->db = msi_doorbell_register(t->domain, 0x3f000000, 4, 0);
	other = msi_doorbell_register(t->domain, 0x3f000800, 4, 0);
	KUNIT_EXPECT_FALSE(test, IS_ERR_OR_NULL(t->db) || IS_ERR_OR_NULL(other));
	KUNIT_EXPECT_EQ(test, iommu_map(domain->domain, iova, 0x3f000000,
					PAGE_SIZE, IOMMU_WRITE | IOMMU_MMIO,
					GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain->domain, iova),
			(phys_addr_t)0x3f000000);

	/* The page still holds the other doorbell: it stays. */
	msi_doorbell_unregister(t->db);
	t->db = NULL;
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain->domain, iova),
			(phys_addr_t)0x3f000000);
	/* The last one goes: so does the mapping. */
	msi_doorbell_unregister(other);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain->domain, iova),
			(phys_addr_t)0);

	vfio_iommu_type1_detach_group(iommu, t->group);
out:
	if (claimed)
		iommu_group_release_dma_owner(t->group);
	vfio_iommu_type1_release(iommu);
}

static struct kunit_case vfio_gate_test_cases[] = {
	KUNIT_CASE(vfio_gate_test_machine),
	KUNIT_CASE(vfio_gate_test_unsafe_doorbell),
	KUNIT_CASE(vfio_gate_test_window),
	KUNIT_CASE(vfio_gate_test_doorbell_gone),
	{}
};

static struct kunit_suite vfio_gate_test_suite = {
	.name = "vfio_iommu_type1_msi",
	.init = vfio_gate_test_init,
	.exit = vfio_gate_test_exit,
	.test_cases = vfio_gate_test_cases,
};

kunit_test_suite(vfio_gate_test_suite);
