/* SPDX-License-Identifier: GPL-2.0 */
/*
 * QEMU's edu device [1234:11e8] taken through VFIO: BAR0 mapped, bus
 * mastering on, one MSI delivered to an eventfd.
 */
#ifndef MSI_DOORBELL_RIG_EDU_H
#define MSI_DOORBELL_RIG_EDU_H

#include <stddef.h>
#include <stdint.h>

struct edu {
	int			fd;	/* the VFIO device */
	volatile uint8_t	*mmio;	/* BAR0 */
	size_t			size;
	int			efd;	/* MSI 0's eventfd */
};

void edu_wr32(struct edu *e, unsigned int reg, uint32_t v);
uint32_t edu_rd32(struct edu *e, unsigned int reg);
int edu_open(struct edu *e, int fd);
void edu_close(struct edu *e);
uint64_t edu_fired(struct edu *e, int ms);
int edu_msi_round_trip(struct edu *e, int ms);

#endif
