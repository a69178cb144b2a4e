/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MSI doorbell registry: where the MSI doorbells of the system are, and
 * whether the MSI controller behind each of them isolates devices.
 *
 * See Documentation/core-api/msi-doorbell.rst.
 */
#ifndef _LINUX_MSI_DOORBELL_H
#define _LINUX_MSI_DOORBELL_H

#include <linux/bits.h>
#include <linux/dev_printk.h>
#include <linux/err.h>
#include <linux/msi.h>
#include <linux/types.h>

struct device;
struct irq_domain;
struct msi_doorbell;
struct notifier_block;

/*
 * The MSI controller tells devices apart on writes to this doorbell (a
 * GICv3 ITS tags every write with the DeviceID): a device can only raise
 * its own interrupts.
 */
#define MSI_DOORBELL_SAFE	BIT(0)

/*
 * A window of per-device doorbells: each device writes one naturally
 * aligned 32-bit word of it, at an offset given by its DeviceID (the
 * SynQuacer pre-ITS window, base + DeviceID * 4).  A device needs one page
 * of it mapped, not the whole window.
 */
#define MSI_DOORBELL_PER_DEVICE	BIT(1)

#define MSI_DOORBELL_FLAGS_MASK	(MSI_DOORBELL_SAFE | MSI_DOORBELL_PER_DEVICE)

#define MSI_DOORBELL_NAME_LEN	64

/**
 * struct msi_doorbell_info - description of a registered MSI doorbell
 * @base:	physical address of the first byte of the doorbell
 * @size:	size of the doorbell in bytes, never 0
 * @flags:	MSI_DOORBELL_* flags
 * @owner:	the MSI parent irq_domain of the irqchip that registered it
 * @owner_name:	@owner's name when the doorbell was registered, truncated
 *
 * A copy handed to readers and to notifier callbacks: it stays valid after
 * the doorbell is unregistered, but @owner may then be gone and must only
 * be compared, never dereferenced, unless the caller holds a reference on
 * the irqchip.  Use @owner_name to name it.
 */
struct msi_doorbell_info {
	phys_addr_t		base;
	size_t			size;
	unsigned int		flags;
	struct irq_domain	*owner;
	char			owner_name[MSI_DOORBELL_NAME_LEN];
};

/* Actions passed to the notifier chain, with a struct msi_doorbell_info. */
enum msi_doorbell_event {
	MSI_DOORBELL_ADDED,
	MSI_DOORBELL_REMOVED,
};

#ifdef CONFIG_MSI_DOORBELL

struct msi_doorbell *msi_doorbell_register(struct irq_domain *owner,
					   phys_addr_t base, size_t size,
					   unsigned int flags);
void msi_doorbell_unregister(struct msi_doorbell *db);

int msi_device_doorbells_isolated(struct device *dev,
				  struct msi_doorbell_info *unsafe);
int msi_device_check_isolated(struct device *dev, const char *param,
			      bool allow);
bool msi_device_reaches_doorbell(struct device *dev,
				 const struct msi_doorbell_info *info);
unsigned long msi_device_doorbell_pages(struct device *dev,
					unsigned int order);
unsigned long msi_devices_doorbell_pages(struct device *const *devs,
					 unsigned int nr, unsigned int order);

int msi_doorbell_register_notifier(struct notifier_block *nb);
int msi_doorbell_unregister_notifier(struct notifier_block *nb);

/*
 * The table's own queries, over every registered doorbell.  Consumers
 * judge devices, with the functions above; these are for the registry's
 * KUnit suites, which check the table through them, and are exported to
 * them only (EXPORT_SYMBOL_IF_KUNIT).
 */
bool msi_doorbell_safe(void);
unsigned long msi_doorbell_calc_pages(unsigned int order);
int msi_doorbell_lookup(phys_addr_t addr, struct msi_doorbell_info *info);
int msi_doorbell_lookup_range(phys_addr_t base, size_t size,
			      struct msi_doorbell_info *info);

#else /* !CONFIG_MSI_DOORBELL */

/*
 * Without the registry nothing is recorded.  Registration "succeeds" with a
 * NULL handle, so that irqchips need no #ifdef, and no stub claims safety:
 * the registry has no opinion on a device, so that
 * msi_device_has_isolated_msi() answers from IRQ_DOMAIN_FLAG_ISOLATED_MSI
 * alone, as before.
 */
static inline struct msi_doorbell *
msi_doorbell_register(struct irq_domain *owner, phys_addr_t base, size_t size,
		      unsigned int flags)
{
	return NULL;
}

static inline void msi_doorbell_unregister(struct msi_doorbell *db) { }

static inline int msi_device_doorbells_isolated(struct device *dev,
						struct msi_doorbell_info *unsafe)
{
	return -ENOENT;
}

static inline int msi_device_check_isolated(struct device *dev,
					    const char *param, bool allow)
{
	if (msi_device_has_isolated_msi(dev))
		return 0;
	if (allow)
		dev_warn(dev, "runs with unsafe interrupts (%s=1): no interrupt remapping or isolated MSI\n",
			 param);
	else
		dev_warn(dev, "refused: no interrupt remapping or isolated MSI; set %s=1 to allow it anyway\n",
			 param);
	return allow ? 0 : -EPERM;
}

static inline bool
msi_device_reaches_doorbell(struct device *dev,
			    const struct msi_doorbell_info *info)
{
	return false;
}

static inline unsigned long msi_device_doorbell_pages(struct device *dev,
						      unsigned int order)
{
	return 0;
}

static inline unsigned long
msi_devices_doorbell_pages(struct device *const *devs, unsigned int nr,
			   unsigned int order)
{
	return 0;
}

static inline int msi_doorbell_register_notifier(struct notifier_block *nb)
{
	return 0;
}

static inline int msi_doorbell_unregister_notifier(struct notifier_block *nb)
{
	return 0;
}

#endif /* CONFIG_MSI_DOORBELL */

#endif /* _LINUX_MSI_DOORBELL_H */
