// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark of the MSI doorbell registry against the design proposed in
 * 2016 ("genirq/msi: Introduce the MSI doorbell API", v13), rewritten here
 * from its description: a list under a mutex, added to at its head, walked
 * on every query, a counter of unsafe doorbells, and a page count that
 * adds up the pages of each doorbell.  The reference knows each doorbell's
 * owner as the registry does, so that both can answer per device.
 *
 * For N = 1, 8, 64, 512 and 4096 doorbells (up to max_doorbells), laid out
 * as machines have them, both are timed on the same tables, in the same
 * kernel, in turns: register and unregister one more doorbell, the
 * verdict on a device, the doorbells a device reaches (the lookup VFIO's
 * GET_INFO makes), the pages of a device and of two devices (the registry
 * has no query by address, and the 2016 design no bound like
 * msi_doorbells_pages()).  Each figure is the median, minimum and
 * maximum over @batches batches of the time per operation.  Every answer
 * of both is checked against the layout's own (the pages, where the
 * reference counts a shared page once per doorbell, are reported).
 *
 * Lines go to the console as "msi-doorbell-bench: ..."; make bench reads
 * them.  The KUnit case fails if an answer is wrong, never for a time.
 * The doorbells the machine's own irqchips registered stay, far from the
 * bench's, and are registered in the reference too, first, as at boot:
 * both hold the same table.
 *
 * Not part of the series: a module built out of tree against the series'
 * kernel (make bench: bench/Kbuild), loaded by /init on the bench kernel.
 * It uses the registry's exports to KUnit (EXPORTED_FOR_KUNIT_TESTING).
 */

#define pr_fmt(fmt) "msi-doorbell-bench: " fmt

#include <kunit/test.h>
#include <kunit/device.h>
#include <linux/device.h>
#include <linux/irqdomain.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/msi-doorbell.h>
#include <linux/msi-doorbell-kunit.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/vfio.h>

static unsigned int max_doorbells = 64;
module_param(max_doorbells, uint, 0644);
MODULE_PARM_DESC(max_doorbells, "the largest table benchmarked, of 1, 8, 64, 512, 4096 (default 64)");

static unsigned int batches = 5;
module_param(batches, uint, 0644);
MODULE_PARM_DESC(batches, "batches per figure, median, min and max taken over them (default 5)");

#define BENCH_MAX_BATCHES	101
/* The most doorbells a register or unregister batch adds or removes. */
#define BENCH_MAX_EXTRA		64

/*
 * The layout, for doorbell i of N: three in four are GICv3 ITSes, each an
 * irq_domain of its own, their GITS_TRANSLATER (4 bytes at 0x10040) in
 * frames 128 KiB apart; one in four is a GICv2m frame of one domain, 4 KiB
 * frames, two doorbells to a page.  dev_its is behind the first ITS,
 * dev_v2m behind the v2m domain.
 */
#define BENCH_ITS_BASE		0x1000000000ULL
#define BENCH_ITS_STRIDE	0x20000
#define BENCH_V2M_BASE		0x2000000000ULL

static bool bench_is_v2m(unsigned int i)
{
	return i % 4 == 3;
}

static phys_addr_t bench_base(unsigned int i)
{
	unsigned int j = i / 4;

	if (bench_is_v2m(i))
		return BENCH_V2M_BASE + (phys_addr_t)(j / 2) * SZ_4K + 0x40 +
		       (j % 2) * 0x40;
	return BENCH_ITS_BASE + (phys_addr_t)(i - j) * BENCH_ITS_STRIDE + 0x10040;
}

/* The reference: the 2016 design. */
struct ref_doorbell {
	struct list_head		next;
	struct msi_doorbell_info	info;
};

static LIST_HEAD(ref_list);
static DEFINE_MUTEX(ref_mutex);
static unsigned int ref_nb_unsafe;

static struct ref_doorbell *ref_register(struct irq_domain *owner,
					 phys_addr_t base, size_t size,
					 unsigned int flags)
{
	struct ref_doorbell *db = kzalloc(sizeof(*db), GFP_KERNEL);

	if (!db)
		return NULL;
	db->info.base = base;
	db->info.size = size;
	db->info.flags = flags;
	db->info.owner = owner;
	mutex_lock(&ref_mutex);
	list_add(&db->next, &ref_list);
	if (!(flags & MSI_DOORBELL_SAFE))
		ref_nb_unsafe++;
	mutex_unlock(&ref_mutex);
	return db;
}

static void ref_unregister(struct ref_doorbell *db)
{
	mutex_lock(&ref_mutex);
	list_del(&db->next);
	if (!(db->info.flags & MSI_DOORBELL_SAFE))
		ref_nb_unsafe--;
	mutex_unlock(&ref_mutex);
	kfree(db);
}

static bool ref_reaches(struct device *dev, struct irq_domain *owner)
{
	struct irq_domain *d;

	for (d = dev_get_msi_domain(dev); d; d = d->parent)
		if (d == owner)
			return true;
	return false;
}

static int ref_device_isolated(struct device *dev)
{
	struct ref_doorbell *db;
	int ret = -ENOENT;

	mutex_lock(&ref_mutex);
	list_for_each_entry(db, &ref_list, next) {
		if (!ref_reaches(dev, db->info.owner))
			continue;
		ret = 1;
		if (!(db->info.flags & MSI_DOORBELL_SAFE)) {
			ret = 0;
			break;
		}
	}
	mutex_unlock(&ref_mutex);
	return ret;
}

/* The doorbells @dev reaches, the first @max copied to @info. */
static unsigned int ref_device_doorbells(struct device *dev,
					 struct msi_doorbell_info *info,
					 unsigned int max)
{
	struct ref_doorbell *db;
	unsigned int n = 0;

	mutex_lock(&ref_mutex);
	list_for_each_entry(db, &ref_list, next) {
		if (!ref_reaches(dev, db->info.owner))
			continue;
		if (n < max)
			info[n] = db->info;
		n++;
	}
	mutex_unlock(&ref_mutex);
	return n;
}

/* Each doorbell's own pages, added up. */
static unsigned long ref_pages(struct device *const *devs, unsigned int nr,
			       unsigned int order)
{
	phys_addr_t mask = ((phys_addr_t)1 << order) - 1;
	struct ref_doorbell *db;
	unsigned long pages = 0;
	unsigned int i;

	mutex_lock(&ref_mutex);
	list_for_each_entry(db, &ref_list, next) {
		for (i = 0; i < nr; i++)
			if (!devs || ref_reaches(devs[i], db->info.owner))
				break;
		if (devs && i == nr)
			continue;
		pages += (((db->info.base + db->info.size + mask) & ~mask) -
			  (db->info.base & ~mask)) >> order;
	}
	mutex_unlock(&ref_mutex);
	return pages;
}

/* One table of N doorbells, in both. */
struct bench {
	struct kunit		*test;
	unsigned int		n;
	struct irq_domain	*root, *v2m, **its;
	struct msi_doorbell	**db;
	struct ref_doorbell	**ref;
	struct device		*dev_its, *dev_v2m;
	/* The machine's own doorbells, their copies in the reference. */
	struct msi_doorbell_info *machine;
	struct ref_doorbell	**machine_ref;
	unsigned int		nr_machine;
	unsigned long		base_ref_pages;
	u64			ns[BENCH_MAX_BATCHES];
	u64			ns_ref[BENCH_MAX_BATCHES];
	struct msi_doorbell	*extra[BENCH_MAX_EXTRA];
	struct ref_doorbell	*rextra[BENCH_MAX_EXTRA];
	/* Room for the doorbells a device reaches: dev_its reaches one. */
	struct msi_doorbell_info found[4];
};

static struct irq_domain *bench_domain(struct kunit *test, const char *name,
				       struct irq_domain *parent)
{
	struct irq_domain *d = msi_doorbell_test_domain_create(name, parent);

	KUNIT_ASSERT_NOT_NULL(test, d);
	return d;
}

/* Undoes bench_setup(), as far as it went; again is harmless. */
static void bench_teardown(struct bench *b)
{
	struct device *devs[2] = { b->dev_its, b->dev_v2m };
	unsigned int i;

	for (i = 0; i < b->n; i++) {
		if (b->db && !IS_ERR_OR_NULL(b->db[i]))
			msi_doorbell_unregister(&b->db[i]);
		if (b->ref && b->ref[i])
			ref_unregister(b->ref[i]);
		if (b->its)
			msi_doorbell_test_domain_remove(b->its[i]);
	}
	for (i = 0; i < ARRAY_SIZE(devs); i++) {
		if (!devs[i])
			continue;
		msi_doorbell_test_domain_remove(dev_get_msi_domain(devs[i]));
		dev_set_msi_domain(devs[i], NULL);
	}
	msi_doorbell_test_domain_remove(b->v2m);
	msi_doorbell_test_domain_remove(b->root);
	kfree(b->its);
	kfree(b->db);
	kfree(b->ref);
	b->its = NULL;
	b->db = NULL;
	b->ref = NULL;
	b->v2m = NULL;
	b->root = NULL;
}

static void bench_release(void *data)
{
	struct bench *b = data;
	unsigned int i;

	bench_teardown(b);
	for (i = 0; b->machine_ref && i < b->nr_machine; i++)
		if (b->machine_ref[i])
			ref_unregister(b->machine_ref[i]);
	kfree(b->machine_ref);
	kfree(b->machine);
}

/*
 * The doorbells the machine's irqchips registered at boot, in the
 * reference too, before the bench's: the 2016 list walks them as the
 * registry's table holds them.
 */
static void bench_machine(struct bench *b)
{
	struct msi_doorbell_snapshot snap = {};
	struct kunit *test = b->test;
	const struct msi_doorbell_info *info;
	unsigned int i;
	bool room;

	msi_doorbell_snapshot(&snap);
	snap.max = snap.nr;
	b->machine = kcalloc(max(snap.max, 1U), sizeof(*b->machine), GFP_KERNEL);
	b->machine_ref = kcalloc(max(snap.max, 1U), sizeof(*b->machine_ref),
				 GFP_KERNEL);
	snap.info = b->machine;
	room = b->machine && b->machine_ref;
	if (room)
		msi_doorbell_snapshot(&snap);
	KUNIT_ASSERT_TRUE(test, room);
	/* None came or went at boot's end. */
	KUNIT_ASSERT_EQ(test, snap.nr, snap.max);
	for (i = 0; i < snap.nr; i++) {
		info = &b->machine[i];
		b->machine_ref[i] = ref_register(info->owner, info->base,
						 info->size, info->flags);
		KUNIT_ASSERT_NOT_NULL(test, b->machine_ref[i]);
		b->nr_machine++;
		pr_info("machine doorbell %pa size %zu %s, in both\n",
			&info->base, info->size,
			info->flags & MSI_DOORBELL_SAFE ? "safe" : "unsafe");
	}
	b->base_ref_pages = ref_pages(NULL, 0, PAGE_SHIFT);
}

static void bench_setup(struct bench *b)
{
	struct kunit *test = b->test;
	unsigned int i, flags;
	struct irq_domain *owner;
	char name[32];

	b->its = kcalloc(b->n, sizeof(*b->its), GFP_KERNEL);
	b->db = kcalloc(b->n, sizeof(*b->db), GFP_KERNEL);
	b->ref = kcalloc(b->n, sizeof(*b->ref), GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, b->its && b->db && b->ref);
	b->root = bench_domain(test, "msi-db-bench-root", NULL);
	b->v2m = bench_domain(test, "msi-db-bench-v2m", b->root);
	for (i = 0; i < b->n; i++) {
		if (bench_is_v2m(i))
			continue;
		snprintf(name, sizeof(name), "msi-db-bench-its%u", i);
		b->its[i] = bench_domain(test, name, b->root);
	}
	dev_set_msi_domain(b->dev_its,
			   bench_domain(test, "msi-db-bench-its-pci", b->its[0]));
	dev_set_msi_domain(b->dev_v2m,
			   bench_domain(test, "msi-db-bench-v2m-pci", b->v2m));
	for (i = 0; i < b->n; i++) {
		owner = bench_is_v2m(i) ? b->v2m : b->its[i];
		flags = bench_is_v2m(i) ? 0 : MSI_DOORBELL_SAFE;
		b->db[i] = msi_doorbell_register(owner, bench_base(i), 4, flags);
		KUNIT_ASSERT_FALSE(test, IS_ERR(b->db[i]));
		b->ref[i] = ref_register(owner, bench_base(i), 4, flags);
		KUNIT_ASSERT_NOT_NULL(test, b->ref[i]);
	}
}

static int bench_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Median, min and max of the batches, in ns per operation. */
struct bench_fig {
	u64	median, min, max;
};

static struct bench_fig bench_figure(u64 *ns)
{
	struct bench_fig f;

	sort(ns, batches, sizeof(*ns), bench_cmp, NULL);
	f.median = ns[batches / 2];
	f.min = ns[0];
	f.max = ns[batches - 1];
	return f;
}

enum bench_op {
	BENCH_REGISTER,
	BENCH_UNREGISTER,
	BENCH_VERDICT,
	BENCH_LOOKUP,
	BENCH_DEVICE_PAGES,
	BENCH_SET_PAGES,
	BENCH_NR_OPS,
};

static const char *const bench_op_name[BENCH_NR_OPS] = {
	"register", "unregister", "verdict", "lookup", "device-pages",
	"set-pages",
};

/*
 * Operations per batch: enough to outlast the clock, few for the slow.
 * The registry copies its table on every change, the 2016 list inserts
 * in O(1): the list's batches are as long at every N.
 */
static unsigned int bench_ops(enum bench_op op, unsigned int n, bool ref)
{
	if (op == BENCH_REGISTER || op == BENCH_UNREGISTER)
		return ref ? BENCH_MAX_EXTRA : n <= 64 ? 16 : 4;
	return max(4096 / n, 16U);
}

#define BENCH_EXTRA	0x3000000000ULL	/* the extra doorbell's place */

/* A sink, so that no query is optimised away. */
static unsigned long bench_sink;

/* One batch of @op on the registry (@ref false) or the reference: ns/op. */
static u64 bench_batch(struct bench *b, enum bench_op op, bool ref,
		       unsigned int ops)
{
	struct device *devs[2] = { b->dev_its, b->dev_v2m };
	struct ref_doorbell **rextra = b->rextra;
	struct msi_doorbell **extra = b->extra;
	unsigned int i;
	u64 t0, t;

	/* register / unregister: of @ops more doorbells, the other half untimed. */
	if (op == BENCH_UNREGISTER) {
		for (i = 0; i < ops; i++) {
			if (ref)
				rextra[i] = ref_register(b->root, BENCH_EXTRA + i * 8, 4, 0);
			else
				extra[i] = msi_doorbell_register(b->root, BENCH_EXTRA + i * 8,
								 4, 0);
		}
	}
	t0 = ktime_get_ns();
	for (i = 0; i < ops; i++) {
		switch (op) {
		case BENCH_REGISTER:
			if (ref)
				rextra[i] = ref_register(b->root, BENCH_EXTRA + i * 8, 4, 0);
			else
				extra[i] = msi_doorbell_register(b->root, BENCH_EXTRA + i * 8,
								 4, 0);
			break;
		case BENCH_UNREGISTER:
			if (ref && rextra[i])
				ref_unregister(rextra[i]);
			else if (!ref && !IS_ERR(extra[i]))
				msi_doorbell_unregister(&extra[i]);
			break;
		case BENCH_VERDICT:
			bench_sink += ref ? ref_device_isolated(b->dev_its) :
				msi_device_doorbells_isolated(b->dev_its, NULL);
			break;
		case BENCH_LOOKUP:
			bench_sink += ref ?
				ref_device_doorbells(b->dev_its, b->found,
						     ARRAY_SIZE(b->found)) :
				msi_device_doorbells(b->dev_its, b->found, NULL,
						     ARRAY_SIZE(b->found));
			break;
		case BENCH_DEVICE_PAGES:
			bench_sink += ref ? ref_pages(&b->dev_v2m, 1, PAGE_SHIFT) :
				msi_devices_doorbell_pages(&b->dev_v2m, 1, PAGE_SHIFT);
			break;
		case BENCH_SET_PAGES:
			bench_sink += ref ? ref_pages(devs, 2, PAGE_SHIFT) :
				msi_devices_doorbell_pages(devs, 2, PAGE_SHIFT);
			break;
		case BENCH_NR_OPS:
			break;
		}
	}
	t = ktime_get_ns() - t0;
	if (op == BENCH_REGISTER) {
		for (i = 0; i < ops; i++) {
			if (ref && rextra[i])
				ref_unregister(rextra[i]);
			else if (!ref && !IS_ERR(extra[i]))
				msi_doorbell_unregister(&extra[i]);
		}
	}
	return div_u64(t, ops);
}

/* Both give the layout's answers; the pages each counts. */
static void bench_check(struct bench *b)
{
	struct kunit *test = b->test;
	struct device *devs[2] = { b->dev_its, b->dev_v2m };
	unsigned int v2m = b->n / 4, its = b->n - v2m;
	unsigned long exact_set, exact_all, exact_v2m;

	KUNIT_EXPECT_EQ(test, msi_device_doorbells_isolated(b->dev_its, NULL), 1);
	KUNIT_EXPECT_EQ(test, ref_device_isolated(b->dev_its), 1);
	KUNIT_EXPECT_EQ(test, msi_device_doorbells_isolated(b->dev_v2m, NULL),
			v2m ? 0 : -ENOENT);
	KUNIT_EXPECT_EQ(test, ref_device_isolated(b->dev_v2m), v2m ? 0 : -ENOENT);

	/* dev_its reaches the first ITS doorbell, and it alone. */
	memset(b->found, 0, sizeof(b->found));
	KUNIT_EXPECT_EQ(test, msi_device_doorbells(b->dev_its, b->found, NULL,
						   ARRAY_SIZE(b->found)), 1U);
	KUNIT_EXPECT_EQ(test, b->found[0].base, bench_base(0));
	memset(b->found, 0, sizeof(b->found));
	KUNIT_EXPECT_EQ(test, ref_device_doorbells(b->dev_its, b->found,
						   ARRAY_SIZE(b->found)), 1U);
	KUNIT_EXPECT_EQ(test, b->found[0].base, bench_base(0));

	/* Two v2m doorbells to a page; every ITS doorbell in a page of its own. */
	exact_v2m = DIV_ROUND_UP(v2m, 2);
	exact_set = 1 + exact_v2m;
	exact_all = its + exact_v2m;
	KUNIT_EXPECT_EQ(test, msi_devices_doorbell_pages(&b->dev_v2m, 1, PAGE_SHIFT),
			exact_v2m);
	KUNIT_EXPECT_EQ(test, msi_devices_doorbell_pages(devs, 2, PAGE_SHIFT),
			exact_set);
	/* The reference adds them up: one page per doorbell. */
	KUNIT_EXPECT_EQ(test, ref_pages(&b->dev_v2m, 1, PAGE_SHIFT),
			(unsigned long)v2m);
	KUNIT_EXPECT_EQ(test, ref_pages(devs, 2, PAGE_SHIFT), 1UL + v2m);
	KUNIT_EXPECT_EQ(test, ref_pages(NULL, 0, PAGE_SHIFT) - b->base_ref_pages,
			(unsigned long)b->n);
	pr_info("N=%u pages: registry %lu (device), %lu (set), %lu (all); 2016 design %u, %u, %u; overcount %lu, %lu, %lu\n",
		b->n, exact_v2m, exact_set, exact_all, v2m, 1 + v2m, b->n,
		v2m - exact_v2m, 1 + v2m - exact_set, b->n - exact_all);
}

static void bench_one(struct bench *b)
{
	struct bench_fig ours, ref;
	enum bench_op op;
	unsigned int i, ops;

	bench_setup(b);
	bench_check(b);
	for (op = 0; op < BENCH_NR_OPS; op++) {
		/* A batch of each in turn, so that both see the same machine. */
		for (i = 0; i < batches; i++) {
			ops = bench_ops(op, b->n, false);
			b->ns[i] = bench_batch(b, op, false, ops);
			ops = bench_ops(op, b->n, true);
			b->ns_ref[i] = bench_batch(b, op, true, ops);
		}
		ours = bench_figure(b->ns);
		ref = bench_figure(b->ns_ref);
		pr_info("N=%u op=%s registry=%llu min=%llu max=%llu ref2016=%llu min=%llu max=%llu ratio=%llu.%02llu\n",
			b->n, bench_op_name[op], ours.median, ours.min, ours.max,
			ref.median, ref.min, ref.max,
			div_u64(ref.median, max_t(u64, ours.median, 1)),
			div_u64(ref.median * 100, max_t(u64, ours.median, 1)) % 100);
	}
}

/*
 * What VFIO_DEVICE_GET_INFO adds to stock 7.3 for QEMU's edu device: the
 * device capability of its MSI doorbells, built, shifted behind struct
 * vfio_device_info, copied out (to a buffer of ours: memcpy() in place of
 * copy_to_user()) and freed, as vfio-pci does with a chain that edu has
 * no other capability in (vfio_info_add_msi_doorbells_cap() reads the
 * device only).
 * make bench subtracts it from the series' GET_INFO, which is then
 * compared with stock's.  "vfio-cap: ..." lines; none without edu.
 */
static void bench_vfio_cap(struct kunit *test)
{
	struct pci_dev *pdev = pci_get_device(0x1234, 0x11e8, NULL);
	struct vfio_device *vdev;
	struct vfio_info_cap caps;
	u8 out[256] = {};
	struct bench_fig f;
	unsigned int i, j;
	u64 *ns, t0;
	int ret = 0;

	if (!pdev) {
		pr_info("vfio-cap: no edu device\n");
		return;
	}
	vdev = kzalloc(sizeof(*vdev), GFP_KERNEL);
	ns = kcalloc(batches, sizeof(*ns), GFP_KERNEL);
	if (!vdev || !ns)
		goto out;
	vdev->dev = &pdev->dev;
	for (i = 0; i < batches && !ret; i++) {
		t0 = ktime_get_ns();
		for (j = 0; j < 200 && !ret; j++) {
			caps = (struct vfio_info_cap){};
			ret = vfio_info_add_msi_doorbells_cap(vdev, &caps);
			if (!ret && caps.size <= sizeof(out)) {
				vfio_info_cap_shift(&caps,
						    sizeof(struct vfio_device_info));
				memcpy(out, caps.buf, caps.size);
			}
			bench_sink += caps.size + out[0];
			kfree(caps.buf);
		}
		ns[i] = div_u64(ktime_get_ns() - t0, 200);
	}
	KUNIT_EXPECT_EQ(test, ret, 0);
	if (!ret) {
		f = bench_figure(ns);
		pr_info("vfio-cap: %s median=%llu min=%llu max=%llu\n",
			pci_name(pdev), f.median, f.min, f.max);
	}
out:
	kfree(ns);
	kfree(vdev);
	pci_dev_put(pdev);
}

static void msi_doorbell_bench_test(struct kunit *test)
{
	static const unsigned int sizes[] = { 1, 8, 64, 512, 4096 };
	struct bench *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, b);
	batches = clamp(batches, 1U, (unsigned int)BENCH_MAX_BATCHES);
	b->test = test;
	b->dev_its = kunit_device_register(test, "msi-db-bench-dev-its");
	b->dev_v2m = kunit_device_register(test, "msi-db-bench-dev-v2m");
	KUNIT_ASSERT_FALSE(test, IS_ERR(b->dev_its) || IS_ERR(b->dev_v2m));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, bench_release, b), 0);
	bench_machine(b);
	pr_info("batches=%u max_doorbells=%u, ns per operation\n", batches,
		max_doorbells);
	for (i = 0; i < ARRAY_SIZE(sizes) && sizes[i] <= max_doorbells; i++) {
		b->n = sizes[i];
		bench_one(b);
		bench_teardown(b);
		if (test->status == KUNIT_FAILURE)
			break;
	}
	bench_vfio_cap(test);
}

static struct kunit_case msi_doorbell_bench_cases[] = {
	KUNIT_CASE_SLOW(msi_doorbell_bench_test),
	{}
};

static struct kunit_suite msi_doorbell_bench_suite = {
	.name = "msi_doorbell_bench",
	.test_cases = msi_doorbell_bench_cases,
};

kunit_test_suite(msi_doorbell_bench_suite);

MODULE_DESCRIPTION("Benchmark of the MSI doorbell registry against the 2016 design");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
