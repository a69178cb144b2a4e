/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the MSI doorbell registry shows its KUnit suites, and nobody else.
 */
#ifndef _KERNEL_IRQ_MSI_DOORBELL_KUNIT_H
#define _KERNEL_IRQ_MSI_DOORBELL_KUNIT_H

#include <linux/msi-doorbell.h>
#include <linux/types.h>

/**
 * struct msi_doorbell_snapshot - one published table, and what it answers
 * @nr:		doorbells in the table; more than were copied if over @max
 * @max:	room in @info and @reach, set by the caller
 * @info:	the doorbells, in the table's order, filled by the registry
 * @reach:	each entry's running maximum of last bytes
 * @safe:	what msi_doorbell_safe() answers from this table
 * @pages:	what msi_doorbell_calc_pages(@order) answers from this table
 * @order:	set by the caller
 */
struct msi_doorbell_snapshot {
	unsigned int			nr;
	unsigned int			max;
	struct msi_doorbell_info	*info;
	phys_addr_t			*reach;
	bool				safe;
	unsigned long			pages;
	unsigned int			order;
};

void msi_doorbell_snapshot(struct msi_doorbell_snapshot *snap);

#endif /* _KERNEL_IRQ_MSI_DOORBELL_KUNIT_H */
