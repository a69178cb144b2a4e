// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit stress tests for the MSI doorbell registry: several CPUs at once,
 * on the live system, and under fault injection.
 *
 *  - msi_doorbell_stress (runs at boot): writer kthreads register and
 *    unregister safe and unsafe doorbells that overlap each other's pages
 *    while reader kthreads take snapshots of the published table and
 *    check, on every read, what must hold of it: sorted, the running
 *    maximum of last bytes exact, no owner's doorbells overlapping each
 *    other, the page count and the global safety those of a recount.
 *    Every writer also checks, after each change, that the verdict and
 *    page count of a device under its own domain are those of the
 *    doorbells it holds.
 *
 *  - msi_doorbell_live (at boot, and again after boot through debugfs
 *    while a program drives VFIO: the rig's vfio-live): the same stress
 *    beside a live VFIO attach and MSI enable; a doorbell registered and
 *    unregistered on the MSI domain of QEMU's edu devices, whose verdict
 *    must follow while their MSIs keep firing; and every allocation of a
 *    registration made to fail in turn (fail-nth), each failure returned
 *    to the caller with the registry as it was.  Its cases must not skip
 *    at boot: KUnit runs a case that skipped once never again.
 *
 * Every expected value is worked out by the test from what it registered,
 * never by asking the registry the same question twice.
 */

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/device.h>
#include <linux/irqdomain.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/msi-doorbell.h>
#include <linux/notifier.h>
#include <linux/pci.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/sort.h>

#include "msi-doorbell-kunit.h"
#include "msi_doorbell_test.h"

static unsigned int stress_ms = 1000;
module_param(stress_ms, uint, 0644);
MODULE_PARM_DESC(stress_ms, "how long each stress and hot-path case runs, in ms (default 1000)");

#define STRESS_WRITERS	2
#define STRESS_READERS	2
#define STRESS_HELD	4		/* doorbells a writer holds at most */
#define STRESS_STABLE	0xc0000000	/* registered throughout, safe */
#define STRESS_BASE	0xd0000000
#define STRESS_ORDER	12
/* Room for the platform's doorbells in a snapshot. */
#define STRESS_ROOM	64

/*
 * Where writers put doorbells: every writer uses the same places, so the
 * doorbells of different owners overlap and share pages; some straddle a
 * page boundary, some overlap each other (a writer registering both gets
 * -EEXIST).
 */
static const struct {
	u32	offset;
	u32	size;
} stress_slots[] = {
	{ 0x0000, 8 }, { 0x0004, 8 }, { 0x0ff8, 0x10 }, { 0x1000, 4 },
	{ 0x1800, 0x1000 }, { 0x2ffc, 8 }, { 0x3000, 4 }, { 0x4000, 0x2000 },
};

struct stress_writer {
	struct irq_domain	*owner;		/* the writer's MSI parent */
	struct irq_domain	*dev_domain;	/* dev's MSI domain, under it */
	struct device		*dev;		/* reaches owner only */
	struct msi_doorbell	*db[ARRAY_SIZE(stress_slots)];
	unsigned int		flags[ARRAY_SIZE(stress_slots)];
	/* What stress_check_writer() works out its answers in. */
	struct msi_doorbell_info held[ARRAY_SIZE(stress_slots)];
	phys_addr_t		iv[2 * ARRAY_SIZE(stress_slots)];
};

struct stress {
	struct kunit		*test;
	struct irq_domain	*root, *its;
	struct device		*dev_its;	/* reaches the stable doorbell */
	struct stress_writer	w[STRESS_WRITERS];
	unsigned long		deadline;
	atomic_t		writers_left;
	atomic_t		errors;
	atomic_long_t		registers, refused, unregisters, verdicts;
	atomic_long_t		snapshots;
	atomic_long_t		added, removed;	/* the notifier's count */
	struct notifier_block	nb;
	struct completion	done[STRESS_WRITERS + STRESS_READERS];
	unsigned int		id[STRESS_WRITERS + STRESS_READERS];
	char			first_error[160];
	atomic_t		first_error_set;
};

/* Count a broken invariant; keep the first one's description. */
static __printf(2, 3) void stress_error(struct stress *s, const char *fmt, ...)
{
	va_list args;

	atomic_inc(&s->errors);
	if (atomic_cmpxchg(&s->first_error_set, 0, 1))
		return;
	va_start(args, fmt);
	vsnprintf(s->first_error, sizeof(s->first_error), fmt, args);
	va_end(args);
}

static int stress_cmp_interval(const void *a, const void *b)
{
	const phys_addr_t *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0];
}

/*
 * Pages of 1 << STRESS_ORDER covering the union of @nr doorbells, counted
 * the test's way: each doorbell's [first page, last page], sorted by
 * first page, merged, summed.  @iv has room for 2 * @nr.
 */
static unsigned long stress_count_pages(const struct msi_doorbell_info *info,
					unsigned int nr, phys_addr_t *iv)
{
	unsigned long pages = 0;
	phys_addr_t first, last;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		iv[2 * i] = info[i].base >> STRESS_ORDER;
		iv[2 * i + 1] = (info[i].base + info[i].size - 1) >> STRESS_ORDER;
	}
	sort(iv, nr, 2 * sizeof(*iv), stress_cmp_interval, NULL);
	for (i = 0; i < nr; i++) {
		first = iv[2 * i];
		last = iv[2 * i + 1];
		while (i + 1 < nr && iv[2 * (i + 1)] <= last + 1) {
			i++;
			last = max(last, iv[2 * i + 1]);
		}
		pages += last - first + 1;
	}
	return pages;
}

static bool stress_overlap(phys_addr_t b1, size_t s1, phys_addr_t b2, size_t s2)
{
	return b1 <= b2 + (s2 - 1) && b2 <= b1 + (s1 - 1);
}

/*
 * What the writer's device must be told, from the doorbells the writer
 * holds: none, -ENOENT (no doorbell of its hierarchy is registered); the
 * unsafe one with the lowest base, 0; all safe, 1.  Its pages: theirs.
 */
static void stress_check_writer(struct stress *s, struct stress_writer *w,
				unsigned int id)
{
	struct msi_doorbell_info *held = w->held, unsafe;
	phys_addr_t lowest_unsafe = PHYS_ADDR_MAX;
	unsigned long pages, expected;
	unsigned int i, nr = 0;
	int want, got;

	for (i = 0; i < ARRAY_SIZE(stress_slots); i++) {
		if (!w->db[i])
			continue;
		held[nr].base = STRESS_BASE + stress_slots[i].offset;
		held[nr].size = stress_slots[i].size;
		if (!(w->flags[i] & MSI_DOORBELL_SAFE))
			lowest_unsafe = min(lowest_unsafe, held[nr].base);
		nr++;
	}
	want = !nr ? -ENOENT : lowest_unsafe != PHYS_ADDR_MAX ? 0 : 1;
	got = msi_device_doorbells_isolated(w->dev, &unsafe);
	if (got != want)
		stress_error(s, "writer %u: verdict %d, holding %u doorbell(s) it should be %d",
			     id, got, nr, want);
	else if (!got && unsafe.base != lowest_unsafe)
		stress_error(s, "writer %u: names %pa, the lowest unsafe one it holds is %pa",
			     id, &unsafe.base, &lowest_unsafe);
	pages = msi_device_doorbell_pages(w->dev, STRESS_ORDER);
	expected = stress_count_pages(held, nr, w->iv);
	if (pages != expected)
		stress_error(s, "writer %u: %lu page(s), its %u doorbell(s) take %lu",
			     id, pages, nr, expected);
	atomic_long_inc(&s->verdicts);
}

static int stress_writer_fn(void *data)
{
	unsigned int *id = data;
	struct stress *s = container_of(id - *id, struct stress, id[0]);
	struct stress_writer *w = &s->w[*id];
	unsigned int i, slot, held = 0, flags;
	struct msi_doorbell *db;
	phys_addr_t base;
	bool clash;

	while (!time_after(jiffies, s->deadline)) {
		slot = get_random_u32_below(ARRAY_SIZE(stress_slots));
		if (!w->db[slot] && held == STRESS_HELD)
			while (!w->db[slot])
				slot = get_random_u32_below(ARRAY_SIZE(stress_slots));
		if (w->db[slot]) {
			msi_doorbell_unregister(w->db[slot]);
			w->db[slot] = NULL;
			held--;
			atomic_long_inc(&s->unregisters);
			stress_check_writer(s, w, *id);
			continue;
		}

		base = STRESS_BASE + stress_slots[slot].offset;
		flags = get_random_u32_below(2) ? MSI_DOORBELL_SAFE : 0;
		clash = false;
		for (i = 0; i < ARRAY_SIZE(stress_slots); i++)
			clash |= w->db[i] &&
				 stress_overlap(base, stress_slots[slot].size,
						STRESS_BASE + stress_slots[i].offset,
						stress_slots[i].size);
		db = msi_doorbell_register(w->owner, base,
					   stress_slots[slot].size, flags);
		if (clash) {
			if (PTR_ERR(db) != -EEXIST)
				stress_error(s,
					     "writer %u: %pa overlaps one it holds: %ld, not -EEXIST",
					     *id, &base, PTR_ERR(db));
			if (!IS_ERR(db))
				msi_doorbell_unregister(db);
			atomic_long_inc(&s->refused);
			continue;
		}
		if (IS_ERR(db)) {
			stress_error(s, "writer %u: registering %pa: %ld",
				     *id, &base, PTR_ERR(db));
			continue;
		}
		w->db[slot] = db;
		w->flags[slot] = flags;
		held++;
		atomic_long_inc(&s->registers);
		stress_check_writer(s, w, *id);
		cond_resched();
	}
	for (i = 0; i < ARRAY_SIZE(stress_slots); i++) {
		if (!w->db[i])
			continue;
		msi_doorbell_unregister(w->db[i]);
		w->db[i] = NULL;
		atomic_long_inc(&s->unregisters);
	}
	atomic_dec(&s->writers_left);
	kthread_complete_and_exit(&s->done[*id], 0);
}

static bool stress_owned(struct stress *s, struct irq_domain *owner)
{
	unsigned int i;

	for (i = 0; i < STRESS_WRITERS; i++)
		if (s->w[i].owner == owner)
			return true;
	return false;
}

/* Everything that must hold of one published table. */
static void stress_check_snapshot(struct stress *s,
				  const struct msi_doorbell_snapshot *snap,
				  phys_addr_t *iv)
{
	const struct msi_doorbell_info *a, *b;
	unsigned int i, j, stable = 0, unsafe = 0;
	phys_addr_t last, prev_last = 0, reach = 0;
	unsigned long pages;

	if (snap->nr > snap->max) {
		stress_error(s, "a table of %u doorbells, more than can be registered (%u)",
			     snap->nr, snap->max);
		return;
	}
	for (i = 0; i < snap->nr; i++) {
		a = &snap->info[i];
		last = a->base + (a->size - 1);
		if (i && (a->base < snap->info[i - 1].base ||
			  (a->base == snap->info[i - 1].base && last < prev_last)))
			stress_error(s, "table not sorted at entry %u (%pa)", i, &a->base);
		reach = max(reach, last);
		if (snap->reach[i] != reach)
			stress_error(s, "entry %u (%pa): reach %pa, the running maximum is %pa",
				     i, &a->base, &snap->reach[i], &reach);
		for (j = i + 1; j < snap->nr; j++) {
			b = &snap->info[j];
			if (a->owner == b->owner &&
			    stress_overlap(a->base, a->size, b->base, b->size))
				stress_error(s, "%s holds overlapping doorbells %pa and %pa",
					     a->owner_name, &a->base, &b->base);
		}
		if (!(a->flags & MSI_DOORBELL_SAFE))
			unsafe++;
		if (a->base == STRESS_STABLE && a->owner == s->its)
			stable++;
		if (stress_owned(s, a->owner) &&
		    (a->base < STRESS_BASE || a->base > STRESS_BASE + SZ_64K))
			stress_error(s, "%s holds %pa, which no writer registered",
				     a->owner_name, &a->base);
		prev_last = last;
	}
	if (stable != 1)
		stress_error(s, "the stable doorbell is in the table %u times", stable);
	if (snap->safe != !unsafe)
		stress_error(s, "safe is %d with %u unsafe doorbell(s) in the same table",
			     snap->safe, unsafe);
	pages = stress_count_pages(snap->info, snap->nr, iv);
	if (snap->pages != pages)
		stress_error(s, "%lu page(s) counted from a table whose doorbells take %lu",
			     snap->pages, pages);
}

static int stress_reader_fn(void *data)
{
	unsigned int *id = data;
	struct stress *s = container_of(id - *id, struct stress, id[0]);
	struct msi_doorbell_snapshot snap = { .order = STRESS_ORDER };
	struct msi_doorbell_info info;
	phys_addr_t *iv;

	snap.max = STRESS_ROOM;
	snap.info = kcalloc(snap.max, sizeof(*snap.info), GFP_KERNEL);
	snap.reach = kcalloc(snap.max, sizeof(*snap.reach), GFP_KERNEL);
	iv = kcalloc(2 * snap.max, sizeof(*iv), GFP_KERNEL);
	if (!snap.info || !snap.reach || !iv) {
		stress_error(s, "reader %u: no memory", *id);
		goto out;
	}
	while (atomic_read(&s->writers_left)) {
		msi_doorbell_snapshot(&snap);
		stress_check_snapshot(s, &snap, iv);
		/* The stable doorbell, whatever the writers do. */
		if (msi_doorbell_lookup(STRESS_STABLE + 4, &info) ||
		    info.base != STRESS_STABLE || info.owner != s->its)
			stress_error(s, "reader %u: lookup of the stable doorbell", *id);
		if (msi_device_doorbells_isolated(s->dev_its, NULL) != 1 ||
		    msi_device_doorbell_pages(s->dev_its, STRESS_ORDER) != 1)
			stress_error(s, "reader %u: the stable doorbell's device", *id);
		atomic_long_inc(&s->snapshots);
		cond_resched();
	}
out:
	kfree(snap.info);
	kfree(snap.reach);
	kfree(iv);
	kthread_complete_and_exit(&s->done[*id], 0);
}

static int stress_event(struct notifier_block *nb, unsigned long action,
			void *data)
{
	struct stress *s = container_of(nb, struct stress, nb);
	const struct msi_doorbell_info *info = data;

	if (stress_owned(s, info->owner))
		atomic_long_inc(action == MSI_DOORBELL_ADDED ? &s->added :
				&s->removed);
	return NOTIFY_OK;
}

static void stress_unregister_notifier(void *nb)
{
	msi_doorbell_unregister_notifier(nb);
}

static void stress_unregister(void *db)
{
	msi_doorbell_unregister(db);
}

/* Writers and readers for stress_ms, then what must hold afterwards. */
static void stress_run(struct kunit *test)
{
	unsigned int i, n = STRESS_WRITERS + STRESS_READERS;
	struct msi_doorbell_info info;
	struct task_struct *task;
	struct msi_doorbell *db;
	unsigned long start, ms, timeout;
	char name[32];
	struct stress *s;

	s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	s->test = test;
	s->root = msi_doorbell_test_domain(test, "msi-db-stress-root", NULL);
	s->its = msi_doorbell_test_domain(test, "msi-db-stress-its", s->root);
	s->dev_its = kunit_device_register(test, "msi-db-stress-its-dev");
	KUNIT_ASSERT_FALSE(test, IS_ERR(s->dev_its));
	dev_set_msi_domain(s->dev_its,
			   msi_doorbell_test_domain(test, "msi-db-stress-its-pci", s->its));
	for (i = 0; i < STRESS_WRITERS; i++) {
		struct stress_writer *w = &s->w[i];

		/* The domain's name is a copy of @name. */
		snprintf(name, sizeof(name), "msi-db-stress-w%u", i);
		w->owner = msi_doorbell_test_domain(test, name, s->root);
		snprintf(name, sizeof(name), "msi-db-stress-w%u-pci", i);
		w->dev_domain = msi_doorbell_test_domain(test, name, w->owner);
		snprintf(name, sizeof(name), "msi-db-stress-w%u-dev", i);
		w->dev = kunit_device_register(test, kunit_kstrdup(test, name, GFP_KERNEL));
		KUNIT_ASSERT_FALSE(test, IS_ERR(w->dev));
		dev_set_msi_domain(w->dev, w->dev_domain);
	}

	db = msi_doorbell_register(s->its, STRESS_STABLE, 8, MSI_DOORBELL_SAFE);
	KUNIT_ASSERT_FALSE(test, IS_ERR(db));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, stress_unregister, db), 0);
	s->nb.notifier_call = stress_event;
	KUNIT_ASSERT_EQ(test, msi_doorbell_register_notifier(&s->nb), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							stress_unregister_notifier,
							&s->nb), 0);

	atomic_set(&s->writers_left, STRESS_WRITERS);
	start = jiffies;
	s->deadline = start + msecs_to_jiffies(stress_ms);
	for (i = 0; i < n; i++) {
		s->id[i] = i;
		init_completion(&s->done[i]);
		task = kthread_run(i < STRESS_WRITERS ? stress_writer_fn :
				   stress_reader_fn, &s->id[i],
				   "msi-db-stress/%u", i);
		if (IS_ERR(task)) {
			KUNIT_FAIL(test, "kthread_run: %ld", PTR_ERR(task));
			/* Let the others stop before failing. */
			s->deadline = start;
			if (i < STRESS_WRITERS)
				atomic_dec(&s->writers_left);
			complete(&s->done[i]);
		}
	}
	timeout = msecs_to_jiffies(stress_ms) + 60 * HZ;
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&s->done[i], timeout),
				0UL);
	ms = max(jiffies_to_msecs(jiffies - start), 1U);

	if (atomic_read(&s->errors))
		KUNIT_FAIL(test, "%d broken invariant(s), the first: %s",
			   atomic_read(&s->errors), s->first_error);
	/* Enough happened for the run to mean something. */
	KUNIT_EXPECT_GT(test, atomic_long_read(&s->registers), 0L);
	KUNIT_EXPECT_GT(test, atomic_long_read(&s->snapshots), 0L);
	/* One event per register and per unregister, no more. */
	KUNIT_EXPECT_EQ(test, atomic_long_read(&s->added),
			atomic_long_read(&s->registers));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&s->removed),
			atomic_long_read(&s->unregisters));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&s->registers),
			atomic_long_read(&s->unregisters));
	/* The writers left nothing behind. */
	for (i = 0; i < ARRAY_SIZE(stress_slots); i++)
		KUNIT_EXPECT_FALSE(test, !msi_doorbell_lookup(STRESS_BASE +
							      stress_slots[i].offset,
							      &info) &&
				   stress_owned(s, info.owner));
	for (i = 0; i < STRESS_WRITERS; i++)
		KUNIT_EXPECT_EQ(test, msi_device_doorbells_isolated(s->w[i].dev, NULL),
				-ENOENT);

	kunit_info(test, "%u writers, %u readers, %lu ms, %u CPUs: %ld registers (%ld more refused, overlapping their own), %ld unregisters, %ld verdicts, %ld snapshots checked; %lu writes/s, %lu reads/s",
		   STRESS_WRITERS, STRESS_READERS, ms, num_online_cpus(),
		   atomic_long_read(&s->registers), atomic_long_read(&s->refused),
		   atomic_long_read(&s->unregisters), atomic_long_read(&s->verdicts),
		   atomic_long_read(&s->snapshots),
		   (atomic_long_read(&s->registers) + atomic_long_read(&s->unregisters)) *
		   1000 / ms, atomic_long_read(&s->snapshots) * 1000 / ms);
}

static void msi_doorbell_stress_test(struct kunit *test)
{
	stress_run(test);
}

static struct kunit_case msi_doorbell_stress_test_cases[] = {
	KUNIT_CASE_SLOW(msi_doorbell_stress_test),
	{}
};

static struct kunit_suite msi_doorbell_stress_test_suite = {
	.name = "msi_doorbell_stress",
	.test_cases = msi_doorbell_stress_test_cases,
};

/*
 * The live suite: at boot, and after boot when the rig's vfio-live has
 * QEMU's edu devices in VFIO and fires their MSIs.
 */
#define EDU_VENDOR		0x1234
#define EDU_DEVICE		0x11e8
#define LIVE_MAX_EDU		2
#define LIVE_UNSAFE_EVERY	16	/* one unsafe doorbell in so many */
#define LIVE_UNSAFE_MAX		8	/* each logs a line per VFIO device */
#define LIVE_FAULT_BASE		0xe0000000
#define LIVE_FAULT_MAX		64

static void msi_doorbell_live_stress(struct kunit *test)
{
	stress_run(test);
}

static void live_put_edus(void *data)
{
	struct pci_dev **edu = data;
	unsigned int i;

	for (i = 0; i < LIVE_MAX_EDU; i++)
		pci_dev_put(edu[i]);
}

/* QEMU's edu devices, with a reference each; the number found. */
static unsigned int live_get_edus(struct kunit *test, struct pci_dev **edu)
{
	struct pci_dev *pdev = NULL;
	unsigned int n = 0;

	while (n < LIVE_MAX_EDU &&
	       (pdev = pci_get_device(EDU_VENDOR, EDU_DEVICE, pdev)))
		edu[n++] = pci_dev_get(pdev);
	pci_dev_put(pdev);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, live_put_edus,
							edu), 0);
	return n;
}

/*
 * A doorbell on edu's MSI domain, next to the doorbell edu's MSIs go to
 * and in the same page, registered and unregistered over and over, safe
 * and now and then unsafe, while vfio-live attaches edu and fires its
 * MSIs: the verdict of every door (msi_device_has_isolated_msi()) must
 * follow the registry at once, the pages must not change, and edu's own
 * doorbell stays, so none of its MSIs may be lost (vfio-live counts).
 */
static void msi_doorbell_live_hot_path(struct kunit *test)
{
	struct pci_dev **edu = kunit_kcalloc(test, LIVE_MAX_EDU, sizeof(*edu),
					     GFP_KERNEL);
	struct msi_doorbell_snapshot snap = { .order = PAGE_SHIFT };
	unsigned int i, j, n, iter = 0, unsafe_done = 0;
	struct msi_doorbell_info found, named[LIVE_MAX_EDU];
	unsigned long deadline, pages[LIVE_MAX_EDU];
	int verdict[LIVE_MAX_EDU], want;
	struct irq_domain *owner;
	struct msi_doorbell *db;
	phys_addr_t hb, lowest;
	bool unsafe, has;

	KUNIT_ASSERT_NOT_NULL(test, edu);
	n = live_get_edus(test, edu);
	if (!n)
		kunit_skip(test, "no edu device (QEMU -device edu)");
	owner = dev_get_msi_domain(&edu[0]->dev);
	if (!owner)
		kunit_skip(test, "edu has no MSI domain");

	/* The doorbell edu's MSIs go to: the first the registry has for it. */
	snap.max = STRESS_ROOM;
	snap.info = kunit_kcalloc(test, snap.max, sizeof(*snap.info), GFP_KERNEL);
	snap.reach = kunit_kcalloc(test, snap.max, sizeof(*snap.reach), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, snap.info);
	KUNIT_ASSERT_NOT_NULL(test, snap.reach);
	msi_doorbell_snapshot(&snap);
	for (i = 0; i < min(snap.nr, snap.max); i++)
		if (msi_device_reaches_doorbell(&edu[0]->dev, &snap.info[i]))
			break;
	if (i == min(snap.nr, snap.max))
		kunit_skip(test, "edu reaches no registered doorbell");
	found = snap.info[i];
	hb = found.base + found.size;
	KUNIT_ASSERT_EQ(test, hb >> PAGE_SHIFT, (hb + 3) >> PAGE_SHIFT);
	KUNIT_ASSERT_EQ(test, hb >> PAGE_SHIFT, found.base >> PAGE_SHIFT);

	/* Before: what each edu is told with edu's doorbells only. */
	for (j = 0; j < n; j++) {
		verdict[j] = msi_device_doorbells_isolated(&edu[j]->dev, &named[j]);
		KUNIT_ASSERT_GE(test, verdict[j], 0);
		pages[j] = msi_device_doorbell_pages(&edu[j]->dev, PAGE_SHIFT);
	}

	deadline = jiffies + msecs_to_jiffies(stress_ms);
	while (!time_after(jiffies, deadline)) {
		unsafe = iter % LIVE_UNSAFE_EVERY == LIVE_UNSAFE_EVERY - 1 &&
			 unsafe_done < LIVE_UNSAFE_MAX;
		db = msi_doorbell_register(owner, hb, 4,
					   unsafe ? 0 : MSI_DOORBELL_SAFE);
		KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(db), "register: %ld", PTR_ERR(db));
		for (j = 0; j < n; j++) {
			struct msi_doorbell_info u;
			int got = msi_device_doorbells_isolated(&edu[j]->dev, &u);

			/* Unsafe now if ours is, else as before. */
			want = unsafe ? 0 : verdict[j];
			KUNIT_EXPECT_EQ_MSG(test, got, want, "iteration %u, unsafe %d",
					    iter, unsafe);
			lowest = verdict[j] ? hb : named[j].base;
			if (unsafe && !verdict[j])
				lowest = min(hb, named[j].base);
			if (!got)
				KUNIT_EXPECT_EQ(test, u.base, lowest);
			has = msi_device_has_isolated_msi(&edu[j]->dev);
			KUNIT_EXPECT_EQ(test, has, (bool)(want == 1));
			/* The same page as edu's doorbell: nothing more to map. */
			KUNIT_EXPECT_EQ(test, msi_device_doorbell_pages(&edu[j]->dev,
									PAGE_SHIFT),
					pages[j]);
		}
		msi_doorbell_unregister(db);
		for (j = 0; j < n; j++)
			KUNIT_EXPECT_EQ(test, msi_device_doorbells_isolated(&edu[j]->dev,
									    NULL),
					verdict[j]);
		unsafe_done += unsafe;
		iter++;
		cond_resched();
	}
	KUNIT_EXPECT_GT(test, iter, 0U);
	kunit_info(test, "%u edu, doorbell %pa (%s): %u register/unregister pairs in %u ms beside it at %pa, %u of them unsafe",
		   n, &found.base, found.owner_name, iter, stress_ms, &hb, unsafe_done);
}

#ifdef CONFIG_FAULT_INJECTION
static bool live_same_table(const struct msi_doorbell_snapshot *a,
			    const struct msi_doorbell_snapshot *b)
{
	unsigned int i;

	if (a->nr != b->nr || a->safe != b->safe || a->pages != b->pages)
		return false;
	for (i = 0; i < min(a->nr, a->max); i++)
		if (a->info[i].base != b->info[i].base ||
		    a->info[i].size != b->info[i].size ||
		    a->info[i].flags != b->info[i].flags ||
		    a->info[i].owner != b->info[i].owner)
			return false;
	return true;
}

struct live_events {
	struct notifier_block	nb;
	atomic_t		events;
};

static int live_count_event(struct notifier_block *nb, unsigned long action,
			    void *data)
{
	atomic_inc(&container_of(nb, struct live_events, nb)->events);
	return NOTIFY_OK;
}

static void live_snapshot_alloc(struct kunit *test,
				struct msi_doorbell_snapshot *snap)
{
	snap->order = PAGE_SHIFT;
	snap->max = STRESS_ROOM;
	snap->info = kunit_kcalloc(test, snap->max, sizeof(*snap->info), GFP_KERNEL);
	snap->reach = kunit_kcalloc(test, snap->max, sizeof(*snap->reach), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, snap->info);
	KUNIT_ASSERT_NOT_NULL(test, snap->reach);
}

/*
 * Fail the 1st, 2nd, 3rd... allocation a registration makes (fail-nth,
 * this thread only) until one registration reaches no failure: each
 * failure either comes back as -ENOMEM, with the registry as it was and
 * no event told, or is absorbed on the way (kmemleak's own metadata falls
 * back on its pool) and the doorbell is registered.  The handle and the
 * table are the registration's own: at least two failures come back.
 * Then the same for unregistering, which cannot fail: after each, the
 * registry is as before the registration.  Needs GFP_KERNEL allocations
 * to be failable: vfio-live writes N to
 * /sys/kernel/debug/fail{slab,_page_alloc}/ignore-gfp-wait first.
 */
static void msi_doorbell_live_faults(struct kunit *test)
{
	unsigned int n, u, left, errors = 0, absorbed = 0;
	struct msi_doorbell_snapshot before, now;
	struct msi_doorbell *db = NULL;
	struct live_events *ev;
	struct irq_domain *owner;
	int events;

	owner = msi_doorbell_test_domain(test, "msi-db-live-faults", NULL);
	live_snapshot_alloc(test, &before);
	live_snapshot_alloc(test, &now);
	ev = kunit_kzalloc(test, sizeof(*ev), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ev);
	ev->nb.notifier_call = live_count_event;
	KUNIT_ASSERT_EQ(test, msi_doorbell_register_notifier(&ev->nb), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							stress_unregister_notifier,
							&ev->nb), 0);
	msi_doorbell_snapshot(&before);

	for (n = 1; n <= LIVE_FAULT_MAX; n++) {
		events = atomic_read(&ev->events);
		WRITE_ONCE(current->fail_nth, n);
		db = msi_doorbell_register(owner, LIVE_FAULT_BASE, 8, 0);
		left = READ_ONCE(current->fail_nth);
		WRITE_ONCE(current->fail_nth, 0);
		if (left) {
			/* The Nth was never reached: nothing failed. */
			KUNIT_ASSERT_FALSE(test, IS_ERR(db));
			break;
		}
		msi_doorbell_snapshot(&now);
		if (IS_ERR(db)) {
			KUNIT_EXPECT_EQ(test, PTR_ERR(db), -ENOMEM);
			KUNIT_EXPECT_TRUE_MSG(test, live_same_table(&before, &now),
					      "registry changed by a failed registration (allocation %u)",
					      n);
			KUNIT_EXPECT_EQ(test, atomic_read(&ev->events), events);
			errors++;
			continue;
		}
		KUNIT_EXPECT_EQ(test, now.nr, before.nr + 1);
		KUNIT_EXPECT_EQ(test, atomic_read(&ev->events), events + 1);
		msi_doorbell_unregister(db);
		absorbed++;
	}
	KUNIT_ASSERT_LE(test, n, LIVE_FAULT_MAX);
	if (!errors) {
		/*
		 * At boot, and whenever failslab ignores GFP_KERNEL: none of
		 * the registration's own allocations could fail (at most a
		 * GFP_NOWAIT one on the way, absorbed); what is checked is
		 * that nothing went wrong.
		 */
		msi_doorbell_unregister(db);
		msi_doorbell_snapshot(&now);
		KUNIT_EXPECT_TRUE(test, live_same_table(&before, &now));
		kunit_info(test, "no GFP_KERNEL allocation could be made to fail (%u absorbed): write N to /sys/kernel/debug/failslab/ignore-gfp-wait (and clear its require-start/end)",
			   absorbed);
		return;
	}
	/* The handle and the table: each failure the caller's. */
	KUNIT_EXPECT_GE(test, errors, 2U);

	for (u = 1; u <= LIVE_FAULT_MAX; u++) {
		WRITE_ONCE(current->fail_nth, u);
		msi_doorbell_unregister(db);
		left = READ_ONCE(current->fail_nth);
		WRITE_ONCE(current->fail_nth, 0);
		msi_doorbell_snapshot(&now);
		KUNIT_EXPECT_TRUE_MSG(test, live_same_table(&before, &now),
				      "registry not as before after unregistering (allocation %u failed)",
				      u);
		if (left)
			break;
		db = msi_doorbell_register(owner, LIVE_FAULT_BASE, 8, 0);
		KUNIT_ASSERT_FALSE(test, IS_ERR(db));
	}
	KUNIT_ASSERT_LE(test, u, LIVE_FAULT_MAX);
	kunit_info(test, "register: %u fault(s) injected, %u returned -ENOMEM, %u absorbed on the way; unregister: %u injected, all absorbed",
		   n - 1, errors, absorbed, u - 1);
	kunit_info(test, "every failure was returned or absorbed, the registry as it was");
}
#else
static void msi_doorbell_live_faults(struct kunit *test)
{
	kunit_skip(test, "needs CONFIG_FAULT_INJECTION");
}
#endif

static struct kunit_case msi_doorbell_live_test_cases[] = {
	KUNIT_CASE_SLOW(msi_doorbell_live_stress),
	KUNIT_CASE_SLOW(msi_doorbell_live_hot_path),
	KUNIT_CASE(msi_doorbell_live_faults),
	{}
};

static struct kunit_suite msi_doorbell_live_test_suite = {
	.name = "msi_doorbell_live",
	.test_cases = msi_doorbell_live_test_cases,
};

kunit_test_suites(&msi_doorbell_stress_test_suite, &msi_doorbell_live_test_suite);

MODULE_DESCRIPTION("KUnit stress tests for the MSI doorbell registry");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
