// SPDX-License-Identifier: GPL-2.0
/*
 * MSI doorbell registry.
 *
 * Irqchips register the physical ranges that devices write to in order to
 * raise MSIs, together with whether the controller behind each range
 * isolates devices from each other.  Consumers such as VFIO ask whether
 * what a device can reach is safe and how many IOMMU pages the doorbells
 * take.  See Documentation/core-api/msi-doorbell.rst.
 *
 * Writers (register, unregister) are rare and serialize on a mutex.  They
 * keep a list of handles sorted by address and publish, under RCU, an
 * immutable array built from it.  Readers only ever look at that array:
 * they take no lock and never touch a handle.
 */

#define pr_fmt(fmt) "msi-doorbell: " fmt

#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/export.h>
#include <linux/irqdomain.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/msi-doorbell.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/overflow.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>

/**
 * struct msi_doorbell - handle of a registered doorbell
 * @node:	entry in msi_doorbell_list, sorted by base then last byte
 * @info:	what was registered
 */
struct msi_doorbell {
	struct list_head		node;
	struct msi_doorbell_info	info;
};

/**
 * struct msi_doorbell_entry - one doorbell in a published table
 * @info:	copy of the registered description
 * @reach:	highest last byte of this entry and of every entry before it;
 *		non-decreasing along the table, which makes lookups by
 *		address a binary search even when doorbells overlap
 */
struct msi_doorbell_entry {
	struct msi_doorbell_info	info;
	phys_addr_t			reach;
};

/**
 * struct msi_doorbell_table - immutable snapshot of the registry
 * @rcu:	frees the table once no reader can see it
 * @nr_unsafe:	number of entries without MSI_DOORBELL_SAFE
 * @nr:		number of entries
 * @db:		the doorbells, sorted as msi_doorbell_list
 *
 * Everything a reader is told comes from one table, so that no answer
 * can mix two states of the registry: msi_doorbell_safe() may not say
 * "safe" while a lookup already finds an unsafe doorbell.
 */
struct msi_doorbell_table {
	struct rcu_head			rcu;
	unsigned int			nr_unsafe;
	unsigned int			nr;
	struct msi_doorbell_entry	db[] __counted_by(nr);
};

static DEFINE_MUTEX(msi_doorbell_mutex);
static LIST_HEAD(msi_doorbell_list);
static struct msi_doorbell_table __rcu *msi_doorbell_table;
static BLOCKING_NOTIFIER_HEAD(msi_doorbell_chain);

/*
 * Entries of replaced tables that wait for a grace period to be freed.  A
 * burst of registrations replaces tables faster than grace periods end:
 * past this many, the next change waits for them, so that thousands of
 * doorbells registered in a row cannot pile up their O(n^2) bytes.
 */
#define MSI_DOORBELL_RETIRED_MAX	16384
static atomic_long_t msi_doorbell_retired;

static inline phys_addr_t msi_doorbell_last(const struct msi_doorbell_info *info)
{
	return info->base + (info->size - 1);
}

static inline const char *msi_doorbell_owner_name(struct irq_domain *owner)
{
	return owner && owner->name ? owner->name : "(none)";
}

static bool msi_doorbell_before(const struct msi_doorbell_info *a,
				const struct msi_doorbell_info *b)
{
	if (a->base != b->base)
		return a->base < b->base;
	return msi_doorbell_last(a) < msi_doorbell_last(b);
}

static bool msi_doorbell_table_safe(const struct msi_doorbell_table *t)
{
	return !t || !t->nr_unsafe;
}

/* How many doorbells are registered: the published table says. */
static unsigned int msi_doorbell_count(void)
{
	const struct msi_doorbell_table *t;

	t = rcu_dereference_protected(msi_doorbell_table,
				      lockdep_is_held(&msi_doorbell_mutex));
	return t ? t->nr : 0;
}

static struct msi_doorbell_table *msi_doorbell_table_alloc(unsigned int nr,
							   gfp_t gfp)
{
	struct msi_doorbell_table *t;

	if (!nr)
		return NULL;
	t = kvmalloc(struct_size(t, db, nr), gfp);
	if (t)
		t->nr = nr;
	return t;
}

static void msi_doorbell_table_free_rcu(struct rcu_head *rcu)
{
	struct msi_doorbell_table *t;

	t = container_of(rcu, struct msi_doorbell_table, rcu);
	atomic_long_sub(t->nr, &msi_doorbell_retired);
	kvfree(t);
}

/* Fill @t from the list and make it the table readers see. */
static void msi_doorbell_publish(struct msi_doorbell_table *t)
{
	struct msi_doorbell_table *old;
	struct msi_doorbell *db;
	phys_addr_t reach = 0;
	unsigned int i = 0;

	lockdep_assert_held(&msi_doorbell_mutex);

	if (t) {
		t->nr_unsafe = 0;
		list_for_each_entry(db, &msi_doorbell_list, node) {
			if (WARN_ON_ONCE(i >= t->nr))
				break;
			reach = max(reach, msi_doorbell_last(&db->info));
			t->db[i].info = db->info;
			t->db[i].reach = reach;
			if (!(db->info.flags & MSI_DOORBELL_SAFE))
				t->nr_unsafe++;
			i++;
		}
		WARN_ON_ONCE(i != t->nr);
	}

	old = rcu_replace_pointer(msi_doorbell_table, t,
				  lockdep_is_held(&msi_doorbell_mutex));
	if (old) {
		atomic_long_add(old->nr, &msi_doorbell_retired);
		call_rcu(&old->rcu, msi_doorbell_table_free_rcu);
		if (atomic_long_read(&msi_doorbell_retired) > MSI_DOORBELL_RETIRED_MAX)
			rcu_barrier();
	}
}

/**
 * msi_doorbell_register() - register an MSI doorbell
 * @owner:	MSI parent irq_domain of the irqchip that owns the doorbell;
 *		the devices whose MSI domain hierarchy contains @owner are
 *		the ones that can reach the doorbell
 * @base:	physical address of the doorbell
 * @size:	size of the doorbell in bytes
 * @flags:	MSI_DOORBELL_SAFE if the controller tells devices apart on
 *		writes to this doorbell, 0 otherwise
 *
 * Called by irqchips, from their probe, for every range that devices write
 * to in order to raise an MSI.  The doorbell stays registered until
 * msi_doorbell_unregister() is called on the returned handle, which must
 * happen before @owner is removed.  Doorbells of different owners may share
 * a page or overlap.  The notifier chain is told of the new doorbell.
 *
 * Context: process context, may sleep.
 * Return: a handle for msi_doorbell_unregister(), or an ERR_PTR():
 * -EINVAL if @owner is NULL, @size is 0, @base + @size wraps past the top
 * of phys_addr_t or @flags has an unknown bit; -EEXIST if @owner already
 * registered a doorbell overlapping this one; -ENOMEM.
 */
struct msi_doorbell *msi_doorbell_register(struct irq_domain *owner,
					   phys_addr_t base, size_t size,
					   unsigned int flags)
{
	struct msi_doorbell_table *t;
	struct list_head *where;
	struct msi_doorbell *db, *pos;
	int ret = 0;

	if (!owner || !size || size - 1 > PHYS_ADDR_MAX - base ||
	    flags & ~MSI_DOORBELL_FLAGS_MASK) {
		pr_err("%s: invalid doorbell %pa size %#zx flags %#x: needs an owner, a non-zero size that does not wrap, known flags\n",
		       msi_doorbell_owner_name(owner), &base, size, flags);
		return ERR_PTR(-EINVAL);
	}

	db = kzalloc(sizeof(*db), GFP_KERNEL);
	if (!db)
		return ERR_PTR(-ENOMEM);
	db->info.base = base;
	db->info.size = size;
	db->info.flags = flags;
	db->info.owner = owner;
	strscpy(db->info.owner_name, msi_doorbell_owner_name(owner));

	mutex_lock(&msi_doorbell_mutex);
	where = &msi_doorbell_list;
	list_for_each_entry(pos, &msi_doorbell_list, node) {
		if (pos->info.owner == owner &&
		    pos->info.base <= msi_doorbell_last(&db->info) &&
		    base <= msi_doorbell_last(&pos->info)) {
			pr_err("%s: doorbell %pa size %#zx overlaps its doorbell %pa size %#zx, already registered\n",
			       msi_doorbell_owner_name(owner), &base, size,
			       &pos->info.base, pos->info.size);
			ret = -EEXIST;
			goto out_unlock;
		}
		if (where == &msi_doorbell_list &&
		    msi_doorbell_before(&db->info, &pos->info))
			where = &pos->node;
	}

	t = msi_doorbell_table_alloc(msi_doorbell_count() + 1, GFP_KERNEL);
	if (!t) {
		ret = -ENOMEM;
		goto out_unlock;
	}

	list_add_tail(&db->node, where);
	msi_doorbell_publish(t);
	blocking_notifier_call_chain(&msi_doorbell_chain, MSI_DOORBELL_ADDED,
				     &db->info);

out_unlock:
	mutex_unlock(&msi_doorbell_mutex);
	if (ret) {
		kfree(db);
		return ERR_PTR(ret);
	}
	return db;
}
EXPORT_SYMBOL_GPL(msi_doorbell_register);

/**
 * msi_doorbell_unregister() - unregister an MSI doorbell
 * @db:	handle returned by msi_doorbell_register(); NULL and ERR_PTR()
 *	values are ignored, so that an irqchip can pass whatever
 *	registration gave it
 *
 * Removes the doorbell from the registry, tells the notifier chain and
 * frees the handle.  Readers that looked the doorbell up before it went
 * hold their own copy and are not affected.  A handle that is not
 * registered (unregistered twice, say) is refused with a WARN and left
 * alone.
 *
 * Context: process context, may sleep.
 */
void msi_doorbell_unregister(struct msi_doorbell *db)
{
	struct msi_doorbell_info info;
	struct msi_doorbell_table *t;
	struct msi_doorbell *pos;
	bool found = false;

	if (IS_ERR_OR_NULL(db))
		return;

	mutex_lock(&msi_doorbell_mutex);
	list_for_each_entry(pos, &msi_doorbell_list, node) {
		if (pos == db) {
			found = true;
			break;
		}
	}
	if (WARN(!found, "msi-doorbell: unregistering %p, which is not registered\n", db)) {
		mutex_unlock(&msi_doorbell_mutex);
		return;
	}

	/* An unregister cannot fail: it may wait for memory. */
	t = msi_doorbell_table_alloc(msi_doorbell_count() - 1,
				     GFP_KERNEL | __GFP_NOFAIL);
	list_del(&db->node);
	msi_doorbell_publish(t);
	info = db->info;
	blocking_notifier_call_chain(&msi_doorbell_chain, MSI_DOORBELL_REMOVED,
				     &info);
	mutex_unlock(&msi_doorbell_mutex);
	kfree(db);
}
EXPORT_SYMBOL_GPL(msi_doorbell_unregister);

/**
 * msi_doorbell_safe() - whether every registered doorbell is safe
 *
 * Context: any context; takes no lock.  O(1).
 * Return: true if no registered doorbell lacks MSI_DOORBELL_SAFE, which
 * includes an empty registry.  Says nothing of irqchips that do not
 * register: use msi_device_has_isolated_msi() to judge a device.
 */
bool msi_doorbell_safe(void)
{
	bool safe;

	rcu_read_lock();
	safe = msi_doorbell_table_safe(rcu_dereference(msi_doorbell_table));
	rcu_read_unlock();
	return safe;
}
EXPORT_SYMBOL_IF_KUNIT(msi_doorbell_safe);

/* Does @dev's MSI domain hierarchy contain @owner? */
static bool msi_device_reaches(struct device *dev, struct irq_domain *owner)
{
	struct irq_domain *d;

	for (d = dev_get_msi_domain(dev); d; d = d->parent)
		if (d == owner)
			return true;
	return false;
}

/* How many of the @nr devices of @devs reach @owner? */
static unsigned int msi_devices_reaching(struct device *const *devs,
					 unsigned int nr,
					 struct irq_domain *owner)
{
	unsigned int i, n = 0;

	for (i = 0; i < nr; i++)
		if (msi_device_reaches(devs[i], owner))
			n++;
	return n;
}

/* Does any of the @nr devices of @devs reach @owner?  No @devs: all do. */
static bool msi_devices_reach(struct device *const *devs, unsigned int nr,
			      struct irq_domain *owner)
{
	unsigned int i;

	if (!devs)
		return true;
	for (i = 0; i < nr; i++)
		if (msi_device_reaches(devs[i], owner))
			return true;
	return false;
}

/*
 * Number of distinct pages of size 1 << @order covering the union of the
 * doorbells of @t that one of @devs reaches (all of them if @devs is NULL).  The
 * table is sorted by base, so the first page of each doorbell never goes
 * backwards: it is enough to remember the last page counted.  Saturates
 * at ULONG_MAX, which only a 32-bit kernel with a 64-bit phys_addr_t and a
 * window of more than 2^32 pages can reach.
 */
static unsigned long msi_doorbell_count_pages(const struct msi_doorbell_table *t,
					      unsigned int order,
					      struct device *const *devs,
					      unsigned int nr)
{
	phys_addr_t first, last, last_counted = 0;
	unsigned long count = 0;
	bool any = false;
	unsigned int i;

	for (i = 0; t && i < t->nr; i++) {
		const struct msi_doorbell_info *info = &t->db[i].info;

		if (!msi_devices_reach(devs, nr, info->owner))
			continue;
		/* One page holds the whole physical address space. */
		if (order >= BITS_PER_TYPE(phys_addr_t))
			return 1;

		first = info->base >> order;
		last = msi_doorbell_last(info) >> order;
		/*
		 * A device writes one word of a per-device window: each
		 * device that reaches it takes at most one page of it, at a
		 * place only its DeviceID knows.  Count one page per device,
		 * never more than the window has, and leave the sweep alone:
		 * at worst a page shared with the next doorbell counts twice.
		 */
		if (devs && info->flags & MSI_DOORBELL_PER_DEVICE) {
			unsigned long reached = msi_devices_reaching(devs, nr,
								     info->owner);

			reached = min_t(phys_addr_t, reached, last - first + 1);
			if (reached >= ULONG_MAX - count)
				return ULONG_MAX;
			count += reached;
			continue;
		}
		if (any) {
			if (last <= last_counted)
				continue;
			if (first <= last_counted)
				first = last_counted + 1;
		}
		if (last - first >= ULONG_MAX - count)
			return ULONG_MAX;
		count += last - first + 1;
		last_counted = last;
		any = true;
	}
	return count;
}

/**
 * msi_doorbell_calc_pages() - pages needed to map every registered doorbell
 * @order:	log2 of the page size, e.g. PAGE_SHIFT or the smallest page
 *		size of an IOMMU domain
 *
 * Counts the distinct pages of size 1 << @order that cover the union of
 * all registered doorbells: doorbells sharing a page count it once, a
 * doorbell straddling a page boundary counts every page it touches, a
 * per-device window counts whole.
 *
 * Context: any context; takes no lock.  O(n) in the number of doorbells.
 * Return: the number of pages, 0 for an empty registry; ULONG_MAX if the
 * count does not fit an unsigned long; 1 for any @order at least as wide
 * as phys_addr_t.
 */
unsigned long msi_doorbell_calc_pages(unsigned int order)
{
	unsigned long pages;

	rcu_read_lock();
	pages = msi_doorbell_count_pages(rcu_dereference(msi_doorbell_table),
					 order, NULL, 0);
	rcu_read_unlock();
	return pages;
}
EXPORT_SYMBOL_IF_KUNIT(msi_doorbell_calc_pages);

/**
 * msi_doorbell_lookup_range() - find a doorbell that overlaps a range
 * @base:	physical address of the range
 * @size:	size of the range in bytes, 0 is taken as 1
 * @info:	filled with a copy of the doorbell's description if found
 *
 * A consumer that maps doorbells by pages asks, for instance, whether a
 * page still holds a doorbell.  Where several doorbells overlap the
 * range, the one with the lowest base is returned.
 *
 * Context: any context; takes no lock.  O(log n).
 * Return: 0 if a registered doorbell overlaps the range, -ENOENT if none
 * does or the range wraps.
 */
int msi_doorbell_lookup_range(phys_addr_t base, size_t size,
			      struct msi_doorbell_info *info)
{
	const struct msi_doorbell_table *t;
	unsigned int lo, hi, mid;
	phys_addr_t last;
	int ret = -ENOENT;

	if (size && size - 1 > PHYS_ADDR_MAX - base)
		return -ENOENT;
	last = base + (size ? size - 1 : 0);

	rcu_read_lock();
	t = rcu_dereference(msi_doorbell_table);
	if (!t)
		goto out;

	/*
	 * The first entry whose reach gets to @base is the only candidate:
	 * those before it end below @base, those after it start at or
	 * above its base.
	 */
	lo = 0;
	hi = t->nr;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->db[mid].reach < base)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->nr && t->db[lo].info.base <= last) {
		*info = t->db[lo].info;
		ret = 0;
	}
out:
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(msi_doorbell_lookup_range);

/**
 * msi_doorbell_lookup() - find the doorbell that covers a physical address
 * @addr:	physical address
 * @info:	filled with a copy of the doorbell's description if found
 *
 * Where doorbells of several owners overlap at @addr, the one with the
 * lowest base is returned.
 *
 * Context: any context; takes no lock.  O(log n).
 * Return: 0 if a registered doorbell covers @addr, -ENOENT otherwise.
 */
int msi_doorbell_lookup(phys_addr_t addr, struct msi_doorbell_info *info)
{
	return msi_doorbell_lookup_range(addr, 1, info);
}
EXPORT_SYMBOL_IF_KUNIT(msi_doorbell_lookup);

/**
 * msi_device_doorbells_isolated() - the registry's verdict on a device
 * @dev:	the device
 * @unsafe:	if not NULL, filled with a copy of the unsafe doorbell with
 *		the lowest base that @dev reaches, when there is one
 *
 * The doorbells @dev reaches are those registered by an irq_domain of its
 * MSI domain hierarchy (dev_get_msi_domain() and its parents).  This is
 * what msi_device_has_isolated_msi() asks first, so that every consumer
 * (VFIO type1, iommufd, vfio-platform, fsl-mc, cdx) gets the same answer
 * from one place.  Callers outside the irq core want that function: this
 * one is exported to KUnit only.
 *
 * A device without an MSI domain (only wired interrupts, or none) reaches
 * no doorbell: nothing maps a doorbell page into an IOMMU domain for it,
 * so through its own mappings it cannot raise an MSI, and it is isolated.
 * Where its IOMMU domain is shared with devices that do reach doorbells,
 * those devices are judged, and the domain with them.
 *
 * Context: any context; takes no lock.  O(n) in the number of doorbells.
 * Return: 1 if @dev has no MSI domain, or reaches registered doorbells
 * and all of them are safe; 0 if it reaches one without MSI_DOORBELL_SAFE;
 * -ENOENT if its MSI domain hierarchy holds no registered doorbell (its
 * irqchips do not register), in which case the registry has no opinion.
 */
int msi_device_doorbells_isolated(struct device *dev,
				  struct msi_doorbell_info *unsafe)
{
	const struct msi_doorbell_table *t;
	int ret = -ENOENT;
	unsigned int i;

	if (!dev_get_msi_domain(dev))
		return 1;

	rcu_read_lock();
	t = rcu_dereference(msi_doorbell_table);
	for (i = 0; t && i < t->nr; i++) {
		if (!msi_device_reaches(dev, t->db[i].info.owner))
			continue;
		ret = 1;
		if (!(t->db[i].info.flags & MSI_DOORBELL_SAFE)) {
			if (unsafe)
				*unsafe = t->db[i].info;
			ret = 0;
			break;
		}
	}
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(msi_device_doorbells_isolated);

/**
 * msi_device_check_isolated() - may a device be given to userspace?
 * @dev:	the device
 * @param:	the override that lets a device without isolated MSI through,
 *		as a user sets it (e.g. "vfio_iommu_type1.allow_unsafe_interrupts")
 * @allow:	whether that override is set
 *
 * The one decision, and the one log line, of every consumer that hands
 * devices with DMA to userspace.  A device with isolated MSI
 * (msi_device_has_isolated_msi()) passes silently.  Otherwise the device
 * is refused, or let through if @allow, with one warning naming the
 * device, the unsafe doorbell it reaches (address and owner) when the
 * registry knows it, and @param.
 *
 * Context: process context.
 * Return: 0 if @dev may be used, -EPERM if it is refused.
 */
int msi_device_check_isolated(struct device *dev, const char *param,
			      bool allow)
{
	struct msi_doorbell_info db;
	bool named;

	if (msi_device_has_isolated_msi(dev))
		return 0;

	named = !msi_device_doorbells_isolated(dev, &db);
	if (allow && named)
		dev_warn(dev, "runs with unsafe interrupts (%s=1): it can forge MSIs through the doorbell %pa (%s)\n",
			 param, &db.base, db.owner_name);
	else if (allow)
		dev_warn(dev, "runs with unsafe interrupts (%s=1): no interrupt remapping or isolated MSI\n",
			 param);
	else if (named)
		dev_warn(dev, "refused: it can forge MSIs through the unsafe doorbell %pa (%s); set %s=1 to allow it anyway\n",
			 &db.base, db.owner_name, param);
	else
		dev_warn(dev, "refused: no interrupt remapping or isolated MSI; set %s=1 to allow it anyway\n",
			 param);
	return allow ? 0 : -EPERM;
}
EXPORT_SYMBOL_GPL(msi_device_check_isolated);

/**
 * msi_device_reaches_doorbell() - can a device write to a doorbell?
 * @dev:	the device
 * @info:	a doorbell, as msi_doorbell_lookup() or a notifier gave it
 *
 * Context: any context; takes no lock.
 * Return: true if @info's owner is in @dev's MSI domain hierarchy.
 */
bool msi_device_reaches_doorbell(struct device *dev,
				 const struct msi_doorbell_info *info)
{
	return msi_device_reaches(dev, info->owner);
}
EXPORT_SYMBOL_GPL(msi_device_reaches_doorbell);

/**
 * msi_devices_doorbell_pages() - pages needed to map devices' doorbells
 * @devs:	the devices, for instance those of an IOMMU group
 * @nr:		how many there are
 * @order:	log2 of the page size
 *
 * As msi_doorbell_calc_pages(), restricted to the doorbells that at least
 * one of @devs reaches (see msi_device_doorbells_isolated()): what one
 * IOMMU domain holding all of @devs must map.  A doorbell registered with
 * MSI_DOORBELL_PER_DEVICE counts one page for each of @devs that reaches
 * it, at most the pages it spans.
 *
 * Context: any context; takes no lock.
 * Return: the number of pages; 0 if no device reaches a registered
 * doorbell.
 */
unsigned long msi_devices_doorbell_pages(struct device *const *devs,
					 unsigned int nr, unsigned int order)
{
	unsigned long pages;

	if (!nr)
		return 0;
	rcu_read_lock();
	pages = msi_doorbell_count_pages(rcu_dereference(msi_doorbell_table),
					 order, devs, nr);
	rcu_read_unlock();
	return pages;
}
EXPORT_SYMBOL_GPL(msi_devices_doorbell_pages);

/**
 * msi_device_doorbell_pages() - pages needed to map a device's doorbells
 * @dev:	the device
 * @order:	log2 of the page size
 *
 * As msi_doorbell_calc_pages(), restricted to the doorbells @dev reaches
 * (see msi_devices_doorbell_pages()).
 *
 * Context: any context; takes no lock.
 * Return: the number of pages; 0 if @dev reaches no registered doorbell.
 */
unsigned long msi_device_doorbell_pages(struct device *dev, unsigned int order)
{
	return msi_devices_doorbell_pages(&dev, 1, order);
}
EXPORT_SYMBOL_GPL(msi_device_doorbell_pages);

/**
 * msi_doorbell_register_notifier() - be told of every register and unregister
 * @nb:	notifier block
 *
 * @nb->notifier_call gets MSI_DOORBELL_ADDED or MSI_DOORBELL_REMOVED and a
 * const struct msi_doorbell_info *, once per event, in the order of the
 * events, with the registry's mutex held: the callback may sleep and may
 * query the registry, but must not register or unregister a doorbell.
 * Doorbells registered before @nb are not replayed.
 *
 * Return: 0, or a negative errno from the notifier core.
 */
int msi_doorbell_register_notifier(struct notifier_block *nb)
{
	return blocking_notifier_chain_register(&msi_doorbell_chain, nb);
}
EXPORT_SYMBOL_GPL(msi_doorbell_register_notifier);

/**
 * msi_doorbell_unregister_notifier() - stop being told of doorbell events
 * @nb:	notifier block passed to msi_doorbell_register_notifier()
 *
 * Return: 0, or -ENOENT if @nb was not registered.
 */
int msi_doorbell_unregister_notifier(struct notifier_block *nb)
{
	return blocking_notifier_chain_unregister(&msi_doorbell_chain, nb);
}
EXPORT_SYMBOL_GPL(msi_doorbell_unregister_notifier);
