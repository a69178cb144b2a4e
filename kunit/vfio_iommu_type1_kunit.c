// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the type1 MSI gate on the IOMMU groups of real devices:
 * QEMU's edu PCI devices [1234:11e8], one or two.  Included by
 * vfio_iommu_type1.c, whose statics it calls.
 *
 * Whether a device is safe is read from the device tree: behind a GICv3
 * ITS it is, behind a GICv2m frame it is not.  Either way it reaches one
 * doorbell page (GITS_TRANSLATER or MSI_SETSPI_NS).  Every verdict of the
 * gate is checked against iommu_group_has_isolated_msi(), what iommufd
 * asks: the two doors must agree.
 *
 * edu has no driver, and its IOMMU group only appears when one binds: the
 * suite binds the devices to vfio-pci, as userspace would, and unbinds
 * them after.
 */

#include <kunit/test.h>
#include <linux/device/driver.h>
#include <linux/of.h>
#include <linux/pci.h>

#define VFIO_GATE_EDUS	2

struct vfio_gate_edu {
	struct pci_dev		*pdev;
	struct iommu_group	*group;
	bool			bound;
};

struct vfio_gate_test {
	struct vfio_gate_edu		edu[VFIO_GATE_EDUS];
	unsigned int			nr;
	struct list_head		resv;
	struct iommu_resv_region	*sw_msi;
	struct irq_domain		*domain;
	struct msi_doorbell		*db;
	bool				safe;
	bool				allow;
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

/* Take the edu device after @from, bound to vfio-pci if it has no driver. */
static int vfio_gate_edu_get(struct vfio_gate_edu *e, struct pci_dev *from)
{
	e->pdev = pci_get_device(0x1234, 0x11e8, pci_dev_get(from));
	if (!e->pdev)
		return 0;
	e->group = iommu_group_get(&e->pdev->dev);
	if (!e->group && !e->pdev->dev.driver) {
		if (device_set_driver_override(&e->pdev->dev, "vfio-pci"))
			return -ENOMEM;
		e->bound = device_attach(&e->pdev->dev) > 0;
		e->group = iommu_group_get(&e->pdev->dev);
	}
	return 0;
}

static void vfio_gate_edu_put(struct vfio_gate_edu *e)
{
	iommu_group_put(e->group);
	if (e->bound)
		device_release_driver(&e->pdev->dev);
	if (e->pdev)
		device_set_driver_override(&e->pdev->dev, "");
	pci_dev_put(e->pdev);
}

static int vfio_gate_test_init(struct kunit *test)
{
	struct vfio_gate_test *t;
	struct pci_dev *from = NULL;
	int ret;

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
	for (t->nr = 0; t->nr < VFIO_GATE_EDUS; t->nr++) {
		ret = vfio_gate_edu_get(&t->edu[t->nr], from);
		if (ret)
			return ret;
		if (!t->edu[t->nr].group)
			break;
		from = t->edu[t->nr].pdev;
	}
	if (!t->nr)
		kunit_skip(test, "no edu PCI device behind an IOMMU");
	t->domain = dev_get_msi_domain(&t->edu[0].pdev->dev);
	if (!t->domain)
		kunit_skip(test, "edu has no MSI domain");
	if (iommu_get_group_resv_regions(t->edu[0].group, &t->resv))
		return -ENOMEM;
	t->sw_msi = vfio_iommu_sw_msi(&t->resv);
	return 0;
}

static void vfio_gate_test_exit(struct kunit *test)
{
	struct vfio_gate_test *t = test->priv;
	unsigned int i;

	if (!t)
		return;
	allow_unsafe_interrupts = t->allow;
	msi_doorbell_unregister(t->db);
	vfio_iommu_resv_free(&t->resv);
	for (i = 0; i < VFIO_GATE_EDUS; i++)
		vfio_gate_edu_put(&t->edu[i]);
}

/* The gate's verdict on edu @i, as type1's attach asks it. */
static int vfio_gate(struct vfio_gate_test *t, unsigned int i, bool allow)
{
	allow_unsafe_interrupts = allow;
	return iommu_group_for_each_dev(t->edu[i].group, NULL,
					vfio_iommu_msi_isolated);
}

static void vfio_gate_test_machine(struct kunit *test)
{
	struct vfio_gate_test *t = test->priv;
	unsigned int i;

	kunit_info(test, "%u edu device(s) behind %s\n", t->nr,
		   t->safe ? "an ITS" : "a v2m frame");
	for (i = 0; i < t->nr; i++) {
		KUNIT_EXPECT_EQ(test, vfio_gate(t, i, false), t->safe ? 0 : -EPERM);
		/* What iommufd asks. */
		KUNIT_EXPECT_EQ(test, iommu_group_has_isolated_msi(t->edu[i].group),
				t->safe);
		/* The override lets either in. */
		KUNIT_EXPECT_EQ(test, vfio_gate(t, i, true), 0);
	}
}

/*
 * An unsafe doorbell on the device's own MSI domain flips the decision,
 * for type1 and iommufd alike, and it is the one named.
 */
static void vfio_gate_test_unsafe_doorbell(struct kunit *test)
{
	struct vfio_gate_test *t = test->priv;
	struct device *dev = &t->edu[0].pdev->dev;
	struct msi_doorbell_info db = {};

	t->db = msi_doorbell_register(t->domain, 0x3f000000, 4, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t->db);
	KUNIT_EXPECT_EQ(test, vfio_gate(t, 0, false), -EPERM);
	KUNIT_EXPECT_FALSE(test, iommu_group_has_isolated_msi(t->edu[0].group));
	KUNIT_EXPECT_EQ(test, vfio_gate(t, 0, true), 0);
	KUNIT_EXPECT_EQ(test, msi_device_doorbells_isolated(dev, &db), 0);
	/* Behind a v2m frame its own doorbell comes first: 0x8020040. */
	KUNIT_EXPECT_EQ(test, db.base,
			(phys_addr_t)(t->safe ? 0x3f000000 : 0x08020040));

	msi_doorbell_unregister(t->db);
	t->db = NULL;
	KUNIT_EXPECT_EQ(test, vfio_gate(t, 0, false), t->safe ? 0 : -EPERM);
	KUNIT_EXPECT_EQ(test, iommu_group_has_isolated_msi(t->edu[0].group),
			t->safe);
}

/* A container of type1v2, with the gate's override as the test wants. */
static struct vfio_iommu *vfio_gate_container(struct kunit *test)
{
	struct vfio_iommu *iommu;

	allow_unsafe_interrupts = true;
	iommu = vfio_iommu_type1_open(VFIO_TYPE1v2_IOMMU);
	KUNIT_ASSERT_FALSE(test, IS_ERR(iommu));
	return iommu;
}

static int vfio_gate_attach(struct vfio_iommu *iommu, struct vfio_gate_edu *e)
{
	int ret = iommu_group_claim_dma_owner(e->group, iommu);

	if (ret)
		return ret;
	ret = vfio_iommu_type1_attach_group(iommu, e->group, VFIO_IOMMU);
	if (ret)
		iommu_group_release_dma_owner(e->group);
	return ret;
}

static void vfio_gate_detach(struct vfio_iommu *iommu, struct vfio_gate_edu *e)
{
	vfio_iommu_type1_detach_group(iommu, e->group);
	iommu_group_release_dma_owner(e->group);
}

static unsigned int vfio_gate_nr_domains(struct vfio_iommu *iommu)
{
	struct vfio_domain *d;
	unsigned int n = 0;

	list_for_each_entry(d, &iommu->domain_list, next)
		n++;
	return n;
}

/*
 * The software MSI window holds R = length / PAGE_SIZE pages.  The device
 * reaches one doorbell page already: with a safe doorbell of R - 1 pages
 * more the group fits exactly and attaches; with one of R pages it does
 * not, and the real attach fails with -ENOSPC.
 */
static void vfio_gate_test_window(struct kunit *test)
{
	struct vfio_gate_test *t = test->priv;
	struct vfio_iommu *iommu;
	size_t room;
	int ret;

	if (!t->sw_msi)
		kunit_skip(test, "no software MSI window");
	room = t->sw_msi->length / PAGE_SIZE;
	kunit_info(test, "MSI window %pa+%#zx: %zu pages\n", &t->sw_msi->start,
		   t->sw_msi->length, room);

	iommu = vfio_gate_container(test);
	t->db = msi_doorbell_register(t->domain, 0x40000000,
				      (room - 1) * PAGE_SIZE, MSI_DOORBELL_SAFE);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t->db);
	ret = vfio_gate_attach(iommu, &t->edu[0]);
	KUNIT_EXPECT_EQ(test, ret, 0);
	if (!ret)
		vfio_gate_detach(iommu, &t->edu[0]);
	msi_doorbell_unregister(t->db);

	t->db = msi_doorbell_register(t->domain, 0x40000000, room * PAGE_SIZE,
				      MSI_DOORBELL_SAFE);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t->db);
	ret = vfio_gate_attach(iommu, &t->edu[0]);
	KUNIT_EXPECT_EQ(test, ret, -ENOSPC);
	if (!ret)
		vfio_gate_detach(iommu, &t->edu[0]);
	KUNIT_EXPECT_EQ(test, vfio_gate_nr_domains(iommu), 0);
	vfio_iommu_type1_release(iommu);
}

/*
 * Two groups in one container share one IOMMU domain, and so one MSI
 * window: what is counted is the union of their doorbells.  Both edu
 * devices reach the same MSI domain: with a doorbell of R - 1 pages the
 * union is R pages and the second group joins the first's domain; summing
 * per group (2R) would have kept them apart.
 */
static void vfio_gate_test_two_groups(struct kunit *test)
{
	struct vfio_gate_test *t = test->priv;
	struct vfio_iommu *iommu;
	size_t room;
	int ret;

	if (t->nr < 2)
		kunit_skip(test, "one edu device only");
	if (!t->sw_msi)
		kunit_skip(test, "no software MSI window");
	room = t->sw_msi->length / PAGE_SIZE;

	iommu = vfio_gate_container(test);
	t->db = msi_doorbell_register(t->domain, 0x40000000,
				      (room - 1) * PAGE_SIZE, MSI_DOORBELL_SAFE);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t->db);
	KUNIT_EXPECT_EQ(test, msi_devices_doorbell_pages((struct device *[]) {
				&t->edu[0].pdev->dev, &t->edu[1].pdev->dev },
				2, PAGE_SHIFT), room);

	ret = vfio_gate_attach(iommu, &t->edu[0]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	ret = vfio_gate_attach(iommu, &t->edu[1]);
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, vfio_gate_nr_domains(iommu), 1);
	if (!ret)
		vfio_gate_detach(iommu, &t->edu[1]);
	vfio_gate_detach(iommu, &t->edu[0]);
	vfio_iommu_type1_release(iommu);
}

/*
 * SynQuacer's pre-ITS: a 4 MiB window of per-device doorbells, of which a
 * device writes one word (base + DeviceID * 4).  Counted whole it would
 * take 1024 pages and no group would fit a 1 MiB window, where stock 6.12
 * attaches them; counted per device each edu takes one page of it: 2 with
 * its own doorbell, 3 for both.
 */
static void vfio_gate_test_per_device(struct kunit *test)
{
	struct vfio_gate_test *t = test->priv;
	struct vfio_iommu *iommu;
	int ret;

	if (!t->sw_msi)
		kunit_skip(test, "no software MSI window");

	t->db = msi_doorbell_register(t->domain, 0x40000000, SZ_4M,
				      MSI_DOORBELL_PER_DEVICE);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t->db);
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(PAGE_SHIFT) -
			SZ_4M / PAGE_SIZE, 1);
	KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(&t->edu[0].pdev->dev,
							PAGE_SHIFT), 2);
	if (t->nr > 1)
		KUNIT_EXPECT_EQ(test, msi_devices_doorbell_pages((struct device *[]) {
					&t->edu[0].pdev->dev, &t->edu[1].pdev->dev },
					2, PAGE_SHIFT), 3);

	iommu = vfio_gate_container(test);
	ret = vfio_gate_attach(iommu, &t->edu[0]);
	KUNIT_EXPECT_EQ(test, ret, 0);
	if (!ret)
		vfio_gate_detach(iommu, &t->edu[0]);
	vfio_iommu_type1_release(iommu);
}

/* The container's MSI doorbell capability, as GET_INFO would copy it. */
static int vfio_gate_cap(struct vfio_iommu *iommu,
			 struct vfio_iommu_type1_info_cap_msi_doorbell *cap)
{
	struct vfio_info_cap caps = {};
	struct vfio_info_cap_header *h;
	int ret;

	mutex_lock(&iommu->lock);
	ret = vfio_iommu_msi_doorbell_build_caps(iommu, &caps);
	mutex_unlock(&iommu->lock);
	if (ret)
		return ret;
	h = (struct vfio_info_cap_header *)caps.buf;
	ret = caps.size >= sizeof(*cap) &&
	      h->id == VFIO_IOMMU_TYPE1_INFO_CAP_MSI_DOORBELL ? 0 : -EINVAL;
	if (!ret)
		memcpy(cap, caps.buf, sizeof(*cap));
	kfree(caps.buf);
	return ret;
}

/*
 * A doorbell registered after the group was attached: an unsafe one that
 * the device reaches turns the container's capability unsafe (and is
 * logged: "now reaches the unsafe MSI doorbell 0x3f000000").
 */
static void vfio_gate_test_doorbell_late(struct kunit *test)
{
	struct vfio_iommu_type1_info_cap_msi_doorbell cap = {};
	struct vfio_gate_test *t = test->priv;
	struct vfio_iommu *iommu;

	if (!t->sw_msi)
		kunit_skip(test, "no software MSI window");
	iommu = vfio_gate_container(test);
	KUNIT_ASSERT_EQ(test, vfio_gate_attach(iommu, &t->edu[0]), 0);

	KUNIT_EXPECT_EQ(test, vfio_gate_cap(iommu, &cap), 0);
	KUNIT_EXPECT_EQ(test, cap.header.version, 2);
	KUNIT_EXPECT_EQ(test, !!(cap.flags & VFIO_IOMMU_MSI_DOORBELL_SAFE),
			t->safe);
	KUNIT_EXPECT_EQ(test, cap.pages, 1);
	KUNIT_EXPECT_EQ(test, cap.pgsize, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, cap.window_start, t->sw_msi->start);
	KUNIT_EXPECT_EQ(test, cap.window_size, t->sw_msi->length);

	t->db = msi_doorbell_register(t->domain, 0x3f000000, 4, 0);
	KUNIT_EXPECT_NOT_ERR_OR_NULL(test, t->db);
	KUNIT_EXPECT_EQ(test, vfio_gate_cap(iommu, &cap), 0);
	KUNIT_EXPECT_EQ(test, cap.flags & VFIO_IOMMU_MSI_DOORBELL_SAFE, 0);
	KUNIT_EXPECT_EQ(test, cap.pages, 2);

	vfio_gate_detach(iommu, &t->edu[0]);
	vfio_iommu_type1_release(iommu);
}

static struct kunit_case vfio_gate_test_cases[] = {
	KUNIT_CASE(vfio_gate_test_machine),
	KUNIT_CASE(vfio_gate_test_unsafe_doorbell),
	KUNIT_CASE(vfio_gate_test_window),
	KUNIT_CASE(vfio_gate_test_two_groups),
	KUNIT_CASE(vfio_gate_test_per_device),
	KUNIT_CASE(vfio_gate_test_doorbell_late),
	{}
};

static struct kunit_suite vfio_gate_test_suite = {
	.name = "vfio_iommu_type1_msi",
	.init = vfio_gate_test_init,
	.exit = vfio_gate_test_exit,
	.test_cases = vfio_gate_test_cases,
};

kunit_test_suite(vfio_gate_test_suite);
