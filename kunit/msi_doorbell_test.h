/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the MSI doorbell registry's KUnit suites share: irq domains that
 * own doorbells or stand for a device's MSI domain, and registrations,
 * each undone when the test ends.
 */
#ifndef _KERNEL_IRQ_MSI_DOORBELL_TEST_H
#define _KERNEL_IRQ_MSI_DOORBELL_TEST_H

#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/irqdomain.h>
#include <linux/msi-doorbell.h>

/* A domain of no irqchip, child of @parent (NULL: a root); NULL if not. */
static inline struct irq_domain *msi_doorbell_test_domain_create(const char *name,
								 struct irq_domain *parent)
{
	static const struct irq_domain_ops ops = {};
	struct fwnode_handle *fwnode;
	struct irq_domain *d;

	fwnode = irq_domain_alloc_named_fwnode(name);
	if (!fwnode)
		return NULL;
	d = irq_domain_create_hierarchy(parent, 0, 0, fwnode, &ops, NULL);
	if (!d)
		irq_domain_free_fwnode(fwnode);
	return d;
}

/* Remove a domain msi_doorbell_test_domain_create() made; NULL is none. */
static inline void msi_doorbell_test_domain_remove(void *data)
{
	struct irq_domain *d = data;
	struct fwnode_handle *fwnode;

	if (!d)
		return;
	fwnode = d->fwnode;
	irq_domain_remove(d);
	irq_domain_free_fwnode(fwnode);
}

/* The same, removed when @test ends. */
static inline struct irq_domain *msi_doorbell_test_domain(struct kunit *test,
							  const char *name,
							  struct irq_domain *parent)
{
	struct irq_domain *d = msi_doorbell_test_domain_create(name, parent);

	KUNIT_ASSERT_NOT_NULL(test, d);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							msi_doorbell_test_domain_remove,
							d), 0);
	return d;
}

static inline void msi_doorbell_test_unregister(void *db)
{
	msi_doorbell_unregister(db);
}

/* A doorbell that must register, unregistered when @test ends. */
static inline struct msi_doorbell *msi_doorbell_test_register(struct kunit *test,
							      struct irq_domain *owner,
							      phys_addr_t base,
							      size_t size,
							      unsigned int flags)
{
	struct msi_doorbell *db = msi_doorbell_register(owner, base, size, flags);

	KUNIT_ASSERT_FALSE(test, IS_ERR(db));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							msi_doorbell_test_unregister,
							db), 0);
	return db;
}

#endif /* _KERNEL_IRQ_MSI_DOORBELL_TEST_H */
