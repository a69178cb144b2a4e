// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit test of the GIC MSI doorbells the irqchips registered, against the
 * device tree of the machine it boots on.
 *
 * What is expected is read from the device tree at test time, and worked
 * out here from the architecture, never asked of the registry:
 *  - each available "arm,gic-v3-its" node: GITS_TRANSLATER, 4 bytes, safe
 *    (with "socionext,synquacer-pre-its": the pre-ITS window, unsafe);
 *  - each available "arm,gic-v2m-frame" node: MSI_SETSPI_NS, 4 bytes,
 *    unsafe;
 *  - an "arm,gic-v3" node that is an msi-controller with "mbi-ranges":
 *    GICD_SETSPI_NSR and GICD_CLRSPI_NSR of the distributor (or of its
 *    "mbi-alias"), 4 bytes each, unsafe.
 * Each PCI device's verdict and page count follow from the MSI parent
 * domains on its MSI domain path, matched to those nodes.
 */

#include <kunit/test.h>
#include <linux/irqchip/arm-gic-v3.h>
#include <linux/irqdomain.h>
#include <linux/msi-doorbell.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/pci.h>
#include <linux/sort.h>

/* Offset of the v2m frame's MSI doorbell, from the GICv2m architecture. */
#define V2M_MSI_SETSPI_NS	0x040

#define GIC_DB_MAX		32

struct gic_db {
	struct device_node	*np;
	phys_addr_t		base;
	size_t			size;
	bool			safe;
};

struct gic_db_test {
	struct gic_db		db[GIC_DB_MAX];
	unsigned int		nr;
};

static void gic_db_expect(struct kunit *test, struct device_node *np,
			  phys_addr_t base, size_t size, bool safe)
{
	struct gic_db_test *t = test->priv;

	KUNIT_ASSERT_LT(test, t->nr, GIC_DB_MAX);
	t->db[t->nr++] = (struct gic_db){ of_node_get(np), base, size, safe };
}

static void gic_db_test_exit(struct kunit *test)
{
	struct gic_db_test *t = test->priv;
	unsigned int i;

	for (i = 0; t && i < t->nr; i++)
		of_node_put(t->db[i].np);
}

static int gic_db_test_init(struct kunit *test)
{
	struct device_node *np;
	struct resource res;
	struct gic_db_test *t;
	u32 window[2];
	const __be32 *alias;
	phys_addr_t mbi;

	if (!of_have_populated_dt())
		kunit_skip(test, "no device tree");

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	test->priv = t;

	for_each_compatible_node(np, NULL, "arm,gic-v3-its") {
		if (!of_device_is_available(np) ||
		    !of_property_read_bool(np, "msi-controller") ||
		    of_address_to_resource(np, 0, &res))
			continue;
		if (!of_property_read_u32_array(np, "socionext,synquacer-pre-its",
						window, 2))
			gic_db_expect(test, np, window[0], window[1], false);
		else
			gic_db_expect(test, np, res.start + GITS_TRANSLATER, 4,
				      true);
	}

	for_each_compatible_node(np, NULL, "arm,gic-v2m-frame") {
		if (!of_device_is_available(np) ||
		    of_address_to_resource(np, 0, &res))
			continue;
		gic_db_expect(test, np, res.start + V2M_MSI_SETSPI_NS, 4, false);
	}

	for_each_compatible_node(np, NULL, "arm,gic-v3") {
		if (!of_property_read_bool(np, "msi-controller") ||
		    !of_property_present(np, "mbi-ranges") ||
		    of_address_to_resource(np, 0, &res))
			continue;
		mbi = res.start;
		alias = of_get_property(np, "mbi-alias", NULL);
		if (alias)
			mbi = of_translate_address(np, alias);
		gic_db_expect(test, np, mbi + GICD_SETSPI_NSR, 4, false);
		gic_db_expect(test, np, mbi + GICD_CLRSPI_NSR, 4, false);
	}

	if (!t->nr)
		kunit_skip(test, "no GIC MSI controller in the device tree");
	return 0;
}

static int gic_db_cmp_page(const void *a, const void *b)
{
	const u64 *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* Distinct PAGE_SIZE pages that the doorbells in @db[] with @use set cover. */
static unsigned long gic_db_pages(struct kunit *test, const struct gic_db *db,
				  unsigned int nr, const bool *use)
{
	u64 *pages;
	unsigned int i, n = 0;
	unsigned long distinct = 0;
	u64 p;

	pages = kunit_kcalloc(test, GIC_DB_MAX * 4, sizeof(*pages), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pages);
	for (i = 0; i < nr; i++) {
		if (use && !use[i])
			continue;
		for (p = db[i].base >> PAGE_SHIFT;
		     p <= (db[i].base + db[i].size - 1) >> PAGE_SHIFT; p++) {
			KUNIT_ASSERT_LT(test, n, GIC_DB_MAX * 4);
			pages[n++] = p;
		}
	}
	sort(pages, n, sizeof(*pages), gic_db_cmp_page, NULL);
	for (i = 0; i < n; i++)
		if (!i || pages[i] != pages[i - 1])
			distinct++;
	return distinct;
}

/*
 * Is @np, the node of an MSI parent domain, the one that owns the doorbell
 * of node @dbn?  Its own node; for v2m, whose one domain is named after
 * its first frame, any frame of the same GIC.
 */
static bool gic_db_owned_by(struct device_node *np, struct device_node *dbn)
{
	return np && (dbn == np ||
		      (of_device_is_compatible(np, "arm,gic-v2m-frame") &&
		       of_device_is_compatible(dbn, "arm,gic-v2m-frame") &&
		       dbn->parent == np->parent));
}

static void gic_msi_doorbell_test_registered(struct kunit *test)
{
	struct gic_db_test *t = test->priv;
	struct msi_doorbell_info info;
	unsigned int i;

	for (i = 0; i < t->nr; i++) {
		const struct gic_db *db = &t->db[i];

		kunit_info(test, "%pOF: expect %pa %#zx %s\n", db->np,
			   &db->base, db->size, db->safe ? "safe" : "unsafe");
		KUNIT_ASSERT_EQ_MSG(test, msi_doorbell_lookup(db->base, &info), 0,
				    "%pOF: no doorbell at %pa", db->np, &db->base);
		KUNIT_EXPECT_EQ(test, info.base, db->base);
		KUNIT_EXPECT_EQ(test, info.size, db->size);
		KUNIT_EXPECT_EQ(test, !!(info.flags & MSI_DOORBELL_SAFE), db->safe);
		/* The owner is the MSI parent domain of this very node. */
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, info.owner);
		KUNIT_EXPECT_TRUE(test, info.owner->flags &
				  IRQ_DOMAIN_FLAG_MSI_PARENT);
		KUNIT_EXPECT_TRUE_MSG(test,
				      gic_db_owned_by(to_of_node(info.owner->fwnode),
						      db->np),
				      "%pOF: owner %s is not its MSI domain",
				      db->np, info.owner_name);
	}
}

/* The registry holds these doorbells and nothing else. */
static void gic_msi_doorbell_test_totals(struct kunit *test)
{
	struct gic_db_test *t = test->priv;
	bool safe = true;
	unsigned int i;

	for (i = 0; i < t->nr; i++)
		safe &= t->db[i].safe;
	KUNIT_EXPECT_EQ(test, msi_doorbell_safe(), safe);
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(PAGE_SHIFT),
			gic_db_pages(test, t->db, t->nr, NULL));
}

/* Which expected doorbells does a device reach through @d's path? */
static bool gic_db_reach(struct gic_db_test *t, struct irq_domain *d,
			 bool *use)
{
	struct device_node *np;
	bool any = false;
	unsigned int i;

	for (; d; d = d->parent) {
		if (!(d->flags & IRQ_DOMAIN_FLAG_MSI_PARENT))
			continue;
		np = to_of_node(d->fwnode);
		if (!np)
			continue;
		for (i = 0; i < t->nr; i++) {
			struct device_node *dbn = t->db[i].np;

			if (gic_db_owned_by(np, dbn)) {
				use[i] = true;
				any = true;
			}
		}
	}
	return any;
}

static void gic_msi_doorbell_test_pci_devices(struct kunit *test)
{
	struct gic_db_test *t = test->priv;
	struct pci_dev *pdev = NULL;
	unsigned int i, checked = 0;
	bool use[GIC_DB_MAX];
	bool safe, got_safe;
	unsigned long pages, got_pages;

	for_each_pci_dev(pdev) {
		memset(use, 0, sizeof(use));
		if (!gic_db_reach(t, dev_get_msi_domain(&pdev->dev), use))
			continue;
		safe = true;
		for (i = 0; i < t->nr; i++)
			if (use[i])
				safe &= t->db[i].safe;
		pages = gic_db_pages(test, t->db, t->nr, use);

		got_safe = msi_device_has_isolated_msi(&pdev->dev);
		got_pages = msi_device_doorbell_pages(&pdev->dev, PAGE_SHIFT);
		kunit_info(test, "%s [%04x:%04x]: %s, %lu page(s)\n",
			   pci_name(pdev), pdev->vendor, pdev->device,
			   got_safe ? "safe" : "unsafe", got_pages);
		KUNIT_EXPECT_EQ(test, got_safe, safe);
		KUNIT_EXPECT_EQ(test, got_pages, pages);
		checked++;
	}
	if (!checked)
		kunit_skip(test, "no PCI device behind a GIC MSI controller");
}

static struct kunit_case gic_msi_doorbell_test_cases[] = {
	KUNIT_CASE(gic_msi_doorbell_test_registered),
	KUNIT_CASE(gic_msi_doorbell_test_totals),
	KUNIT_CASE(gic_msi_doorbell_test_pci_devices),
	{}
};

static struct kunit_suite gic_msi_doorbell_test_suite = {
	.name = "gic_msi_doorbell",
	.init = gic_db_test_init,
	.exit = gic_db_test_exit,
	.test_cases = gic_msi_doorbell_test_cases,
};

kunit_test_suite(gic_msi_doorbell_test_suite);

MODULE_DESCRIPTION("KUnit test of the GIC MSI doorbells against the device tree");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
