// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the MSI doorbell registry.
 *
 * Every expected value is worked out by hand in the comment next to it,
 * never by asking the registry.
 */

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/device.h>
#include <linux/irqdomain.h>
#include <linux/limits.h>
#include <linux/msi-doorbell.h>
#include <linux/notifier.h>
#include <linux/sizes.h>

#include "msi_doorbell_test.h"

#define DB_MAX	8

struct db_test {
	struct msi_doorbell	*db[DB_MAX];
	unsigned int		nr;
};

/* A registry entry owner for the global tests: only compared and named. */
static struct irq_domain *fake_owner(struct kunit *test, const char *name)
{
	struct irq_domain *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, d);
	d->name = name;
	return d;
}

/* Register and keep the handle, to be unregistered by the exit hook. */
static void db_add(struct kunit *test, struct irq_domain *owner,
		   phys_addr_t base, size_t size, unsigned int flags)
{
	struct db_test *t = test->priv;
	struct msi_doorbell *db;

	KUNIT_ASSERT_LT(test, t->nr, DB_MAX);
	db = msi_doorbell_register(owner, base, size, flags);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, db);
	t->db[t->nr++] = db;
}

/* Unregister the @i-th doorbell db_add() registered. */
static void db_del(struct kunit *test, unsigned int i)
{
	struct db_test *t = test->priv;

	KUNIT_ASSERT_LT(test, i, t->nr);
	KUNIT_ASSERT_NOT_NULL(test, t->db[i]);
	msi_doorbell_unregister(t->db[i]);
	t->db[i] = NULL;
}

static int db_test_init(struct kunit *test)
{
	struct db_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	if (!t)
		return -ENOMEM;
	test->priv = t;
	return 0;
}

static void db_test_exit(struct kunit *test)
{
	struct db_test *t = test->priv;
	unsigned int i;

	/* NULL when init skipped the case */
	for (i = 0; t && i < t->nr; i++)
		msi_doorbell_unregister(t->db[i]);
}

/*
 * The global answers need a registry of our own: on a machine whose
 * irqchips register doorbells (the arm64 test kernels) the suite skips.
 * With order 64 every doorbell is in one page, so any doorbell gives 1.
 */
static int db_global_init(struct kunit *test)
{
	if (msi_doorbell_calc_pages(64))
		kunit_skip(test, "the platform registered doorbells");
	return db_test_init(test);
}

static void msi_doorbell_test_empty(struct kunit *test)
{
	struct msi_doorbell_info info;

	KUNIT_EXPECT_TRUE(test, msi_doorbell_safe());
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(12), 0UL);
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(21), 0UL);
	KUNIT_EXPECT_EQ(test, msi_doorbell_lookup(0, &info), -ENOENT);
	KUNIT_EXPECT_EQ(test, msi_doorbell_lookup(0x80000000, &info), -ENOENT);
}

static void msi_doorbell_test_safe_mix(struct kunit *test)
{
	struct irq_domain *its = fake_owner(test, "its");
	struct irq_domain *v2m = fake_owner(test, "v2m");
	struct irq_domain *mbi = fake_owner(test, "mbi");

	db_add(test, its, 0x80000040, 4, MSI_DOORBELL_SAFE);
	KUNIT_EXPECT_TRUE(test, msi_doorbell_safe());
	db_add(test, v2m, 0x80100040, 4, 0);
	KUNIT_EXPECT_FALSE(test, msi_doorbell_safe());
	db_add(test, mbi, 0x80200040, 4, 0);
	KUNIT_EXPECT_FALSE(test, msi_doorbell_safe());

	/* One unsafe doorbell left: still unsafe. */
	db_del(test, 1);
	KUNIT_EXPECT_FALSE(test, msi_doorbell_safe());
	/* Only the safe one left. */
	db_del(test, 2);
	KUNIT_EXPECT_TRUE(test, msi_doorbell_safe());
	db_del(test, 0);
	KUNIT_EXPECT_TRUE(test, msi_doorbell_safe());
}

/*
 * The layout of the page count tests:
 *   A 0x80000040 +4        page 4K 0x80000
 *   B 0x80000100 +4        same 4K page as A, other owner
 *   B 0x80000040 +4        exactly A's range, other owner: allowed
 *   A 0x80001ffc +8        straddles 0x80002000: 4K pages 0x80001, 0x80002
 *   C 0x80400000 +2M       a window: 512 x 4K, 128 x 16K, 32 x 64K, 1 x 2M
 *   C 0x80dff000 +8K       straddles the 2M boundary 0x80e00000
 */
static void db_add_layout(struct kunit *test)
{
	struct irq_domain *a = fake_owner(test, "a");
	struct irq_domain *b = fake_owner(test, "b");
	struct irq_domain *c = fake_owner(test, "c");

	db_add(test, a, 0x80000040, 4, MSI_DOORBELL_SAFE);
	db_add(test, b, 0x80000100, 4, 0);
	db_add(test, b, 0x80000040, 4, 0);
	db_add(test, a, 0x80001ffc, 8, MSI_DOORBELL_SAFE);
	db_add(test, c, 0x80400000, SZ_2M, 0);
	db_add(test, c, 0x80dff000, SZ_8K, 0);
}

static void msi_doorbell_test_pages_4k(struct kunit *test)
{
	db_add_layout(test);
	/*
	 * 0x80000 (A, B, B) + 0x80001, 0x80002 (straddle) + 512 (window)
	 * + 0x80dff, 0x80e00 (straddle) = 1 + 2 + 512 + 2.
	 */
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(12), 517UL);
}

static void msi_doorbell_test_pages_16k(struct kunit *test)
{
	db_add_layout(test);
	/*
	 * 0x80000040 .. 0x80002003 all sit in 16K page 0x20000: 1.
	 * Window: 2M / 16K = 128.
	 * 0x80dff000 >> 14 = 0x2037f, 0x80e00fff >> 14 = 0x20380: 2.
	 */
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(14), 131UL);
}

static void msi_doorbell_test_pages_64k(struct kunit *test)
{
	db_add_layout(test);
	/* 1 (page 0x8000) + 2M / 64K = 32 + 0x80df and 0x80e0: 2. */
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(16), 35UL);
}

static void msi_doorbell_test_pages_2m(struct kunit *test)
{
	db_add_layout(test);
	/*
	 * 0x80000040 >> 21 = 0x400; the window is 2M-aligned: 0x402 only;
	 * 0x80dff000 >> 21 = 0x406 and 0x80e00fff >> 21 = 0x407: 1 + 1 + 2.
	 */
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(21), 4UL);
}

static void msi_doorbell_test_pages_unregister(struct kunit *test)
{
	db_add_layout(test);
	/* Drop B 0x80000100: A and the other B still hold 4K page 0x80000. */
	db_del(test, 1);
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(12), 517UL);
	/* Drop the window: 517 - 512. */
	db_del(test, 4);
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(12), 5UL);
	/* Drop A 0x80000040: B 0x80000040 still holds the page. */
	db_del(test, 0);
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(12), 5UL);
	db_del(test, 2);
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(12), 4UL);
}

/* The far end of the address space: no overflow, documented saturation. */
static void msi_doorbell_test_pages_limit(struct kunit *test)
{
	struct irq_domain *a = fake_owner(test, "a");
	struct irq_domain *b = fake_owner(test, "b");

	/* The very last page of the physical address space. */
	db_add(test, a, PHYS_ADDR_MAX - 0xfff, SZ_4K, 0);
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(12), 1UL);
	/* Its last byte only. */
	db_add(test, b, PHYS_ADDR_MAX, 1, 0);
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(12), 1UL);
	/* Pages as wide as the address space, or wider: one page. */
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(BITS_PER_TYPE(phys_addr_t)),
			1UL);
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(UINT_MAX), 1UL);

	if (sizeof(phys_addr_t) != 8 || BITS_PER_LONG != 64)
		kunit_skip(test, "needs 64-bit phys_addr_t and long");

	/* All of it but the last byte, from 0: 2^52 4K pages, 2 at 2^63. */
	db_add(test, b, 0, SIZE_MAX, 0);
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(12), 1UL << 52);
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(63), 2UL);
	/* 2^64 one-byte pages do not fit: saturated. */
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(0), ULONG_MAX);
}

static void msi_doorbell_test_bad_input(struct kunit *test)
{
	struct irq_domain *a = fake_owner(test, "a");
	struct irq_domain *b = fake_owner(test, "b");
	struct msi_doorbell *db;

	db_add(test, a, 0x80000000, SZ_64K, MSI_DOORBELL_SAFE);

	db = msi_doorbell_register(a, 0x90000000, 0, 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR(db), -EINVAL);
	db = msi_doorbell_register(NULL, 0x90000000, 4, 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR(db), -EINVAL);
	/* 0xf0 bytes fit above PHYS_ADDR_MAX - 0xff, 0x100 end at 2^64. */
	db = msi_doorbell_register(a, PHYS_ADDR_MAX - 0xef, 0x100, 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR(db), -EINVAL);
	db = msi_doorbell_register(a, 0x90000000, 4, BIT(7));
	KUNIT_EXPECT_EQ(test, PTR_ERR(db), -EINVAL);
	/* The same region twice from one owner, whole or in part. */
	db = msi_doorbell_register(a, 0x80000000, SZ_64K, MSI_DOORBELL_SAFE);
	KUNIT_EXPECT_EQ(test, PTR_ERR(db), -EEXIST);
	db = msi_doorbell_register(a, 0x8000fffc, 8, 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR(db), -EEXIST);
	db = msi_doorbell_register(a, 0x7ffffffc, 8, 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR(db), -EEXIST);

	/* Nothing of the refused ones was kept: one 64K doorbell, safe. */
	KUNIT_EXPECT_TRUE(test, msi_doorbell_safe());
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(12), 16UL);

	/* Adjacent, not overlapping: accepted.  So is another owner. */
	db_add(test, a, 0x80010000, 4, MSI_DOORBELL_SAFE);
	db_add(test, b, 0x80000000, SZ_64K, MSI_DOORBELL_SAFE);
	/* Ending on the last byte of the address space is no wrap. */
	db_add(test, a, PHYS_ADDR_MAX - 0xff, 0x100, MSI_DOORBELL_SAFE);
	/* 16 + 0x80010 + the top page. */
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(12), 18UL);

	/* Unregistering nothing is fine. */
	msi_doorbell_unregister(NULL);
	msi_doorbell_unregister(ERR_PTR(-EINVAL));
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(12), 18UL);
}

/*
 * A double unregister is refused with a WARN.  The stale handle is only
 * compared with the registered ones, never dereferenced, so KASAN stays
 * quiet, and the registry is left as it was.
 */
static void msi_doorbell_test_double_unregister(struct kunit *test)
{
	struct irq_domain *a = fake_owner(test, "a");
	struct db_test *t = test->priv;
	struct msi_doorbell *stale;

	db_add(test, a, 0x80000000, 4, 0);
	db_add(test, a, 0x80100000, 4, MSI_DOORBELL_SAFE);
	stale = t->db[0];
	db_del(test, 0);
	kunit_info(test, "a WARN about an unregistered doorbell is expected\n");
	msi_doorbell_unregister(stale);
	KUNIT_EXPECT_TRUE(test, msi_doorbell_safe());
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(12), 1UL);
}

static void msi_doorbell_test_lookup(struct kunit *test)
{
	struct irq_domain *a = fake_owner(test, "a");
	struct irq_domain *b = fake_owner(test, "b");
	struct msi_doorbell_info info;

	/*
	 * a 0x1000 +0x100 and b 0x1080 +0x1000 overlap at 0x1080..0x10ff;
	 * a 0x10000 +64K contains b 0x10100 +0x10; a 0x40000 +0x10.
	 */
	db_add(test, a, 0x1000, 0x100, MSI_DOORBELL_SAFE);
	db_add(test, b, 0x1080, 0x1000, 0);
	db_add(test, a, 0x10000, SZ_64K, MSI_DOORBELL_SAFE);
	db_add(test, b, 0x10100, 0x10, 0);
	db_add(test, a, 0x40000, 0x10, 0);

	KUNIT_EXPECT_EQ(test, msi_doorbell_lookup(0xfff, &info), -ENOENT);
	KUNIT_ASSERT_EQ(test, msi_doorbell_lookup(0x1000, &info), 0);
	KUNIT_EXPECT_EQ(test, info.base, (phys_addr_t)0x1000);
	KUNIT_EXPECT_EQ(test, info.size, (size_t)0x100);
	KUNIT_EXPECT_PTR_EQ(test, info.owner, a);
	KUNIT_EXPECT_STREQ(test, info.owner_name, "a");
	KUNIT_EXPECT_EQ(test, info.flags, MSI_DOORBELL_SAFE);
	/* In the overlap the lowest base wins. */
	KUNIT_ASSERT_EQ(test, msi_doorbell_lookup(0x10ff, &info), 0);
	KUNIT_EXPECT_EQ(test, info.base, (phys_addr_t)0x1000);
	KUNIT_ASSERT_EQ(test, msi_doorbell_lookup(0x1100, &info), 0);
	KUNIT_EXPECT_EQ(test, info.base, (phys_addr_t)0x1080);
	KUNIT_EXPECT_PTR_EQ(test, info.owner, b);
	KUNIT_EXPECT_EQ(test, info.flags, 0U);
	/* b's last byte is 0x207f. */
	KUNIT_ASSERT_EQ(test, msi_doorbell_lookup(0x207f, &info), 0);
	KUNIT_EXPECT_EQ(test, info.base, (phys_addr_t)0x1080);
	KUNIT_EXPECT_EQ(test, msi_doorbell_lookup(0x2080, &info), -ENOENT);
	/* Past the contained doorbell the big one still covers. */
	KUNIT_ASSERT_EQ(test, msi_doorbell_lookup(0x10105, &info), 0);
	KUNIT_EXPECT_EQ(test, info.base, (phys_addr_t)0x10000);
	KUNIT_ASSERT_EQ(test, msi_doorbell_lookup(0x1ffff, &info), 0);
	KUNIT_EXPECT_EQ(test, info.base, (phys_addr_t)0x10000);
	KUNIT_EXPECT_EQ(test, msi_doorbell_lookup(0x20000, &info), -ENOENT);
	KUNIT_ASSERT_EQ(test, msi_doorbell_lookup(0x4000f, &info), 0);
	KUNIT_EXPECT_EQ(test, info.base, (phys_addr_t)0x40000);
	KUNIT_EXPECT_EQ(test, msi_doorbell_lookup(0x40010, &info), -ENOENT);

	/* Ranges: overlapping a doorbell by one byte at either end, or not. */
	KUNIT_ASSERT_EQ(test, msi_doorbell_lookup_range(0x0, 0x1001, &info), 0);
	KUNIT_EXPECT_EQ(test, info.base, (phys_addr_t)0x1000);
	KUNIT_EXPECT_EQ(test, msi_doorbell_lookup_range(0x0, 0x1000, &info), -ENOENT);
	KUNIT_ASSERT_EQ(test, msi_doorbell_lookup_range(0x207f, 0x1000, &info), 0);
	KUNIT_EXPECT_EQ(test, info.base, (phys_addr_t)0x1080);
	/* 0x2080..0xffff lies between doorbells; 0x20000.. past them. */
	KUNIT_EXPECT_EQ(test, msi_doorbell_lookup_range(0x2080, 0xdf80, &info), -ENOENT);
	KUNIT_ASSERT_EQ(test, msi_doorbell_lookup_range(0x2080, 0xdf81, &info), 0);
	KUNIT_EXPECT_EQ(test, info.base, (phys_addr_t)0x10000);
	KUNIT_EXPECT_EQ(test, msi_doorbell_lookup_range(0x20000, 0x20000, &info), -ENOENT);
	/* A 4K page holding the 0x40000 doorbell; size 0 is one byte. */
	KUNIT_ASSERT_EQ(test, msi_doorbell_lookup_range(0x40000, SZ_4K, &info), 0);
	KUNIT_EXPECT_EQ(test, info.base, (phys_addr_t)0x40000);
	KUNIT_ASSERT_EQ(test, msi_doorbell_lookup_range(0x4000f, 0, &info), 0);
	KUNIT_EXPECT_EQ(test, msi_doorbell_lookup_range(PHYS_ADDR_MAX, 2, &info), -ENOENT);

	/* Gone after unregister. */
	db_del(test, 1);
	KUNIT_EXPECT_EQ(test, msi_doorbell_lookup(0x1100, &info), -ENOENT);
	KUNIT_ASSERT_EQ(test, msi_doorbell_lookup(0x10ff, &info), 0);
	KUNIT_EXPECT_EQ(test, info.base, (phys_addr_t)0x1000);
}

struct db_events {
	struct notifier_block	nb;
	unsigned int		added;
	unsigned int		removed;
	struct msi_doorbell_info last;
};

static int db_event(struct notifier_block *nb, unsigned long action,
		    void *data)
{
	struct db_events *ev = container_of(nb, struct db_events, nb);

	if (action == MSI_DOORBELL_ADDED)
		ev->added++;
	else if (action == MSI_DOORBELL_REMOVED)
		ev->removed++;
	ev->last = *(struct msi_doorbell_info *)data;
	return NOTIFY_OK;
}

static void db_notifier_remove(void *nb)
{
	msi_doorbell_unregister_notifier(nb);
}

static void msi_doorbell_test_notifier(struct kunit *test)
{
	struct irq_domain *a = fake_owner(test, "a");
	struct db_test *t = test->priv;
	struct db_events *ev;
	struct msi_doorbell *db, *stale;

	ev = kunit_kzalloc(test, sizeof(*ev), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ev);
	ev->nb.notifier_call = db_event;
	KUNIT_ASSERT_EQ(test, msi_doorbell_register_notifier(&ev->nb), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, db_notifier_remove,
							&ev->nb), 0);

	db_add(test, a, 0x80000000, 0x40, MSI_DOORBELL_SAFE);
	KUNIT_EXPECT_EQ(test, ev->added, 1U);
	KUNIT_EXPECT_EQ(test, ev->removed, 0U);
	KUNIT_EXPECT_EQ(test, ev->last.base, (phys_addr_t)0x80000000);
	KUNIT_EXPECT_EQ(test, ev->last.size, (size_t)0x40);
	KUNIT_EXPECT_EQ(test, ev->last.flags, MSI_DOORBELL_SAFE);
	KUNIT_EXPECT_PTR_EQ(test, ev->last.owner, a);

	/* Refused registrations tell nobody. */
	db = msi_doorbell_register(a, 0x80000000, 0x40, MSI_DOORBELL_SAFE);
	KUNIT_EXPECT_EQ(test, PTR_ERR(db), -EEXIST);
	db = msi_doorbell_register(a, 0x80000000, 0, 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR(db), -EINVAL);
	KUNIT_EXPECT_EQ(test, ev->added, 1U);

	db_add(test, a, 0x90000000, 4, 0);
	KUNIT_EXPECT_EQ(test, ev->added, 2U);
	KUNIT_EXPECT_EQ(test, ev->last.flags, 0U);

	stale = t->db[0];
	db_del(test, 0);
	KUNIT_EXPECT_EQ(test, ev->added, 2U);
	KUNIT_EXPECT_EQ(test, ev->removed, 1U);
	KUNIT_EXPECT_EQ(test, ev->last.base, (phys_addr_t)0x80000000);
	KUNIT_EXPECT_EQ(test, ev->last.size, (size_t)0x40);

	/* Neither does a refused unregister. */
	kunit_info(test, "a WARN about an unregistered doorbell is expected\n");
	msi_doorbell_unregister(stale);
	KUNIT_EXPECT_EQ(test, ev->removed, 1U);

	/* After the notifier is gone, no more calls. */
	KUNIT_EXPECT_EQ(test, msi_doorbell_unregister_notifier(&ev->nb), 0);
	db_del(test, 1);
	KUNIT_EXPECT_EQ(test, ev->removed, 1U);
	KUNIT_EXPECT_EQ(test, msi_doorbell_unregister_notifier(&ev->nb), -ENOENT);
}

static struct kunit_case msi_doorbell_test_cases[] = {
	KUNIT_CASE(msi_doorbell_test_empty),
	KUNIT_CASE(msi_doorbell_test_safe_mix),
	KUNIT_CASE(msi_doorbell_test_pages_4k),
	KUNIT_CASE(msi_doorbell_test_pages_16k),
	KUNIT_CASE(msi_doorbell_test_pages_64k),
	KUNIT_CASE(msi_doorbell_test_pages_2m),
	KUNIT_CASE(msi_doorbell_test_pages_unregister),
	KUNIT_CASE(msi_doorbell_test_pages_limit),
	KUNIT_CASE(msi_doorbell_test_bad_input),
	KUNIT_CASE(msi_doorbell_test_double_unregister),
	KUNIT_CASE(msi_doorbell_test_lookup),
	KUNIT_CASE(msi_doorbell_test_notifier),
	{}
};

static struct kunit_suite msi_doorbell_test_suite = {
	.name = "msi_doorbell",
	.init = db_global_init,
	.exit = db_test_exit,
	.test_cases = msi_doorbell_test_cases,
};

/*
 * Per-device answers, through a hierarchy of real irq domains:
 *
 *   root (the GIC)
 *    +- its  (an ITS-like MSI parent)  +- dev_its (dev1's MSI domain)
 *    +- v2m  (a v2m-like MSI parent)   +- dev_v2m (dev2's MSI domain)
 *
 * dev3 has no MSI domain (wired interrupts only).  These cases only look
 * at doorbells owned by
 * the domains they create, so they run on any machine.
 */
struct db_dev_test {
	struct db_test		dbs;
	struct irq_domain	*root, *its, *v2m, *dev_its, *dev_v2m;
	struct device		*dev1, *dev2, *dev3;
};

static int db_dev_test_init(struct kunit *test)
{
	struct db_dev_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	if (!t)
		return -ENOMEM;
	test->priv = t;	/* struct db_test comes first */

	t->root = msi_doorbell_test_domain(test, "msi-db-test-root", NULL);
	t->its = msi_doorbell_test_domain(test, "msi-db-test-its", t->root);
	t->v2m = msi_doorbell_test_domain(test, "msi-db-test-v2m", t->root);
	t->dev_its = msi_doorbell_test_domain(test, "msi-db-test-dev-its", t->its);
	t->dev_v2m = msi_doorbell_test_domain(test, "msi-db-test-dev-v2m", t->v2m);

	t->dev1 = kunit_device_register(test, "msi-db-test-dev1");
	t->dev2 = kunit_device_register(test, "msi-db-test-dev2");
	t->dev3 = kunit_device_register(test, "msi-db-test-dev3");
	if (IS_ERR(t->dev1) || IS_ERR(t->dev2) || IS_ERR(t->dev3))
		return -ENODEV;
	dev_set_msi_domain(t->dev1, t->dev_its);
	dev_set_msi_domain(t->dev2, t->dev_v2m);
	return 0;
}

static void msi_doorbell_dev_test_fallback(struct kunit *test)
{
	struct db_dev_test *t = test->priv;

	/* Nothing registered, no domain flagged: upstream says unsafe. */
	KUNIT_EXPECT_FALSE(test, msi_device_has_isolated_msi(t->dev1));
	KUNIT_EXPECT_FALSE(test, msi_device_has_isolated_msi(t->dev2));
	KUNIT_EXPECT_EQ(test, msi_device_doorbells_isolated(t->dev1, NULL), -ENOENT);
	/* No MSI domain: no doorbell to reach, isolated (stock: unsafe). */
	KUNIT_EXPECT_TRUE(test, msi_device_has_isolated_msi(t->dev3));
	KUNIT_EXPECT_EQ(test, msi_device_doorbells_isolated(t->dev3, NULL), 1);
	KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(t->dev1, 12), 0UL);
	KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(t->dev3, 12), 0UL);

	/* An ITS that never registers but sets the flag: safe, as today. */
	t->its->flags |= IRQ_DOMAIN_FLAG_ISOLATED_MSI;
	KUNIT_EXPECT_TRUE(test, msi_device_has_isolated_msi(t->dev1));
	KUNIT_EXPECT_FALSE(test, msi_device_has_isolated_msi(t->dev2));

	/* Once it registers, the registry decides, not the flag. */
	db_add(test, t->its, 0x80000040, 4, 0);
	KUNIT_EXPECT_FALSE(test, msi_device_has_isolated_msi(t->dev1));
	t->its->flags &= ~IRQ_DOMAIN_FLAG_ISOLATED_MSI;
}

static void msi_doorbell_dev_test_safety(struct kunit *test)
{
	struct db_dev_test *t = test->priv;

	db_add(test, t->its, 0x80000040, 4, MSI_DOORBELL_SAFE);
	KUNIT_EXPECT_TRUE(test, msi_device_has_isolated_msi(t->dev1));
	/* dev2 does not reach the ITS: upstream's answer, unsafe. */
	KUNIT_EXPECT_FALSE(test, msi_device_has_isolated_msi(t->dev2));

	db_add(test, t->v2m, 0x80100040, 4, 0);
	KUNIT_EXPECT_TRUE(test, msi_device_has_isolated_msi(t->dev1));
	KUNIT_EXPECT_FALSE(test, msi_device_has_isolated_msi(t->dev2));

	/* An unsafe doorbell at the root is reached by both. */
	db_add(test, t->root, 0x80200040, 4, 0);
	KUNIT_EXPECT_FALSE(test, msi_device_has_isolated_msi(t->dev1));
	KUNIT_EXPECT_FALSE(test, msi_device_has_isolated_msi(t->dev2));
	db_del(test, 2);
	KUNIT_EXPECT_TRUE(test, msi_device_has_isolated_msi(t->dev1));

	/* So is one on the device's own domain: the decision flips. */
	db_add(test, t->dev_its, 0x80300000, 4, 0);
	KUNIT_EXPECT_FALSE(test, msi_device_has_isolated_msi(t->dev1));
	db_del(test, 3);
	KUNIT_EXPECT_TRUE(test, msi_device_has_isolated_msi(t->dev1));

	/*
	 * No MSI domain: whatever is registered, unsafe doorbells at the
	 * root included, it reaches none and is isolated.
	 */
	db_add(test, t->root, 0x80400040, 4, 0);
	KUNIT_EXPECT_FALSE(test, msi_device_has_isolated_msi(t->dev1));
	KUNIT_EXPECT_TRUE(test, msi_device_has_isolated_msi(t->dev3));
	KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(t->dev3, 12), 0UL);
	/* Given an MSI domain under the v2m, it is judged by it. */
	dev_set_msi_domain(t->dev3, t->dev_v2m);
	KUNIT_EXPECT_FALSE(test, msi_device_has_isolated_msi(t->dev3));
	dev_set_msi_domain(t->dev3, NULL);
}

static void msi_doorbell_dev_test_pages(struct kunit *test)
{
	struct db_dev_test *t = test->priv;

	/* its: 0x80000040 +4 and 0x80000ffc +8, which reaches 0x80001003. */
	db_add(test, t->its, 0x80000040, 4, MSI_DOORBELL_SAFE);
	db_add(test, t->its, 0x80000ffc, 8, MSI_DOORBELL_SAFE);
	/* v2m: a 1M window at 0x90000000, and a doorbell in its own page. */
	db_add(test, t->v2m, 0x90000000, SZ_1M, 0);
	db_add(test, t->v2m, 0x80000040, 4, 0);

	/* 4K pages 0x80000 and 0x80001; one 16K, 64K and 2M page. */
	KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(t->dev1, 12), 2UL);
	KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(t->dev1, 14), 1UL);
	KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(t->dev1, 16), 1UL);
	KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(t->dev1, 21), 1UL);
	/* 1M / 4K = 256, + 0x80000 = 257; 64 + 1; 16 + 1; 1 + 1. */
	KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(t->dev2, 12), 257UL);
	KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(t->dev2, 14), 65UL);
	KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(t->dev2, 16), 17UL);
	KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(t->dev2, 21), 2UL);

	/* A root doorbell in a page of its own adds one to each. */
	db_add(test, t->root, 0xa0000000, 4, 0);
	KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(t->dev1, 12), 3UL);
	KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(t->dev2, 12), 258UL);
	KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(t->dev3, 12), 0UL);
}

static void msi_doorbell_dev_test_unsafe_name(struct kunit *test)
{
	struct db_dev_test *t = test->priv;
	struct msi_doorbell_info info;

	db_add(test, t->its, 0x80000040, 4, MSI_DOORBELL_SAFE);
	db_add(test, t->v2m, 0x80100040, 4, 0);
	db_add(test, t->v2m, 0x80100000, 4, 0);

	/* dev1 reaches only the safe one; dev3 nothing at all. */
	KUNIT_EXPECT_EQ(test, msi_device_doorbells_isolated(t->dev1, &info), 1);
	KUNIT_EXPECT_EQ(test, msi_device_doorbells_isolated(t->dev3, &info), 1);
	/* dev2: of its two unsafe doorbells, the lowest base. */
	KUNIT_ASSERT_EQ(test, msi_device_doorbells_isolated(t->dev2, &info), 0);
	KUNIT_EXPECT_EQ(test, info.base, (phys_addr_t)0x80100000);
	KUNIT_EXPECT_EQ(test, info.size, (size_t)4);
	KUNIT_EXPECT_PTR_EQ(test, info.owner, t->v2m);

	/* An unsafe root doorbell is reached by both, and is lower. */
	db_add(test, t->root, 0x80050000, 8, 0);
	KUNIT_ASSERT_EQ(test, msi_device_doorbells_isolated(t->dev1, &info), 0);
	KUNIT_EXPECT_EQ(test, info.base, (phys_addr_t)0x80050000);
	KUNIT_EXPECT_PTR_EQ(test, info.owner, t->root);
	KUNIT_ASSERT_EQ(test, msi_device_doorbells_isolated(t->dev2, &info), 0);
	KUNIT_EXPECT_EQ(test, info.base, (phys_addr_t)0x80050000);
}

/* A group's devices share the pages of their doorbells: union, not sum. */
static void msi_doorbell_dev_test_group_pages(struct kunit *test)
{
	struct db_dev_test *t = test->priv;
	struct device *both[] = { t->dev1, t->dev2 };
	struct device *all[] = { t->dev1, t->dev2, t->dev3 };

	db_add(test, t->its, 0x80000040, 4, MSI_DOORBELL_SAFE);
	db_add(test, t->v2m, 0x80000080, 4, 0);
	db_add(test, t->v2m, 0x90000000, SZ_1M, 0);

	/* dev1: 4K page 0x80000.  dev2: the same page + 256. */
	KUNIT_EXPECT_EQ(test, msi_devices_doorbell_pages(&t->dev1, 1, 12), 1UL);
	KUNIT_EXPECT_EQ(test, msi_devices_doorbell_pages(&t->dev2, 1, 12), 257UL);
	/* Together: 257, not 258. */
	KUNIT_EXPECT_EQ(test, msi_devices_doorbell_pages(both, 2, 12), 257UL);
	/* dev3 adds nothing; no device, no page. */
	KUNIT_EXPECT_EQ(test, msi_devices_doorbell_pages(all, 3, 12), 257UL);
	KUNIT_EXPECT_EQ(test, msi_devices_doorbell_pages(all, 0, 12), 0UL);
	/* 64K: page 0x8000 and 1M / 64K = 16. */
	KUNIT_EXPECT_EQ(test, msi_devices_doorbell_pages(both, 2, 16), 17UL);
}

/*
 * A per-device window (SynQuacer's pre-ITS: base + DeviceID * 4): each
 * device that reaches it takes one page of it, never more than it spans;
 * counted globally it is whole.
 */
static void msi_doorbell_dev_test_per_device(struct kunit *test)
{
	struct db_dev_test *t = test->priv;
	struct device *dev4 = kunit_device_register(test, "msi-db-test-dev4");
	unsigned long before = msi_doorbell_calc_pages(12);
	struct device *two[2];

	KUNIT_ASSERT_FALSE(test, IS_ERR(dev4));
	dev_set_msi_domain(dev4, t->dev_its);
	two[0] = t->dev1;
	two[1] = dev4;

	db_add(test, t->its, 0x90000000, SZ_4M, MSI_DOORBELL_PER_DEVICE);
	/* 4 MiB of 4K pages: 1024 more globally, one per device. */
	KUNIT_EXPECT_EQ(test, msi_doorbell_calc_pages(12) - before, 1024UL);
	KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(t->dev1, 12), 1UL);
	KUNIT_EXPECT_EQ(test, msi_devices_doorbell_pages(two, 2, 12), 2UL);
	/* dev2 is behind the v2m frame: not its window. */
	KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(t->dev2, 12), 0UL);
	/* At 4M pages the window is one page: never more than it spans. */
	KUNIT_EXPECT_EQ(test, msi_devices_doorbell_pages(two, 2, 22), 1UL);
	/* The ITS's own doorbell adds its page to each. */
	db_add(test, t->its, 0x80000040, 4, MSI_DOORBELL_SAFE);
	KUNIT_EXPECT_EQ(test, msi_devices_doorbell_pages(two, 2, 12), 3UL);
	/* The window is unsafe: both devices are, and it is the one named. */
	KUNIT_EXPECT_FALSE(test, msi_device_has_isolated_msi(dev4));
}

/* The one decision and its log line, for every consumer. */
static void msi_doorbell_dev_test_check(struct kunit *test)
{
	struct msi_doorbell_info its = {}, root = {};
	struct db_dev_test *t = test->priv;

	db_add(test, t->its, 0x80000040, 4, MSI_DOORBELL_SAFE);
	db_add(test, t->v2m, 0x80100040, 4, 0);
	KUNIT_EXPECT_EQ(test, msi_device_check_isolated(t->dev1, "test.allow", false), 0);
	KUNIT_EXPECT_EQ(test, msi_device_check_isolated(t->dev2, "test.allow", false), -EPERM);
	KUNIT_EXPECT_EQ(test, msi_device_check_isolated(t->dev2, "test.allow", true), 0);
	/* No MSI domain, wired interrupts only: let in, without override. */
	KUNIT_EXPECT_EQ(test, msi_device_check_isolated(t->dev3, "test.allow", false), 0);
	/* An MSI domain whose irqchips never register: upstream refuses. */
	dev_set_msi_domain(t->dev3, t->dev_its);
	db_del(test, 0);
	KUNIT_EXPECT_EQ(test, msi_device_check_isolated(t->dev3, "test.allow", false), -EPERM);
	dev_set_msi_domain(t->dev3, NULL);
	/* Whether a device reaches a given doorbell. */
	its.owner = t->its;
	root.owner = t->root;
	KUNIT_EXPECT_TRUE(test, msi_device_reaches_doorbell(t->dev1, &its));
	KUNIT_EXPECT_FALSE(test, msi_device_reaches_doorbell(t->dev2, &its));
	KUNIT_EXPECT_TRUE(test, msi_device_reaches_doorbell(t->dev2, &root));
}

static struct kunit_case msi_doorbell_dev_test_cases[] = {
	KUNIT_CASE(msi_doorbell_dev_test_fallback),
	KUNIT_CASE(msi_doorbell_dev_test_safety),
	KUNIT_CASE(msi_doorbell_dev_test_pages),
	KUNIT_CASE(msi_doorbell_dev_test_unsafe_name),
	KUNIT_CASE(msi_doorbell_dev_test_group_pages),
	KUNIT_CASE(msi_doorbell_dev_test_per_device),
	KUNIT_CASE(msi_doorbell_dev_test_check),
	{}
};

static struct kunit_suite msi_doorbell_dev_test_suite = {
	.name = "msi_doorbell_device",
	.init = db_dev_test_init,
	.exit = db_test_exit,
	.test_cases = msi_doorbell_dev_test_cases,
};

kunit_test_suites(&msi_doorbell_test_suite, &msi_doorbell_dev_test_suite);

MODULE_DESCRIPTION("KUnit tests for the MSI doorbell registry");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
