// SPDX-License-Identifier: GPL-2.0
/*
 * QEMU's edu device through VFIO; see edu.h.
 */
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/vfio.h>

#include "edu.h"
#include "vfio.h"

void edu_wr32(struct edu *e, unsigned int reg, uint32_t v)
{
	*(volatile uint32_t *)(e->mmio + reg) = v;
}

uint32_t edu_rd32(struct edu *e, unsigned int reg)
{
	return *(volatile uint32_t *)(e->mmio + reg);
}

/* BAR0, bus mastering and MSI 0 with an eventfd: 0, or fail()'s 1. */
int edu_open(struct edu *e, int fd)
{
	struct vfio_region_info cfg = { .argsz = sizeof(cfg) };
	struct vfio_region_info bar = { .argsz = sizeof(bar) };
	int32_t efd;

	e->fd = fd;
	e->mmio = MAP_FAILED;
	e->efd = -1;
	cfg.index = VFIO_PCI_CONFIG_REGION_INDEX;
	bar.index = VFIO_PCI_BAR0_REGION_INDEX;
	if (ioctl(fd, VFIO_DEVICE_GET_REGION_INFO, &cfg) ||
	    ioctl(fd, VFIO_DEVICE_GET_REGION_INFO, &bar))
		return fail("VFIO_DEVICE_GET_REGION_INFO");
	e->mmio = mmap(NULL, bar.size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		       bar.offset);
	if (e->mmio == MAP_FAILED)
		return fail("mmap BAR0");
	e->size = bar.size;
	if (config_rw(fd, cfg.offset, PCI_CMD_MASTER))
		return fail("enabling bus mastering");
	e->efd = eventfd(0, EFD_NONBLOCK);
	if (e->efd < 0)
		return fail("eventfd");
	efd = e->efd;
	if (set_irqs(fd, VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
		     0, 1, &efd))
		return fail("VFIO_DEVICE_SET_IRQS MSI");
	return 0;
}

/* MSI off, BAR0 unmapped, the eventfd closed; the device stays open. */
void edu_close(struct edu *e)
{
	set_irqs(e->fd, VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
		 0, 0, NULL);
	if (e->mmio != MAP_FAILED)
		munmap((void *)e->mmio, e->size);
	if (e->efd >= 0)
		close(e->efd);
	e->mmio = MAP_FAILED;
	e->efd = -1;
}

/* How many times the eventfd fired within @ms, and reset it. */
uint64_t edu_fired(struct edu *e, int ms)
{
	struct pollfd pfd = { .fd = e->efd, .events = POLLIN };
	uint64_t count = 0;

	if (poll(&pfd, 1, ms) == 1 &&
	    read(e->efd, &count, sizeof(count)) != sizeof(count))
		count = 0;
	return count;
}

/* edu raises its MSI; whether it reached the eventfd within @ms (1/0). */
int edu_msi_round_trip(struct edu *e, int ms)
{
	uint64_t n;

	edu_wr32(e, EDU_IRQ_RAISE, 1);
	n = edu_fired(e, ms);
	edu_wr32(e, EDU_IRQ_ACK, 1);
	return n > 0;
}
