// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-fuzz MODE[/SEED[/CALLS]]: a seeded, bounded random driver of the
 * VFIO surface the series touches, in one of the ways userspace takes
 * devices (MODE as for vfio-msi).  It takes both edu devices and, where
 * the machine has it, the platform device test-msi, then makes CALLS
 * calls (default 4000), each one of:
 *
 *   VFIO_IOMMU_GET_INFO (container modes), random argsz and flags;
 *   VFIO_DEVICE_GET_IRQ_INFO, random device, index and argsz;
 *   VFIO_DEVICE_SET_IRQS, random device, index, flags, start, count and
 *     data (eventfds, -1, or any number);
 *   VFIO_IOMMU_MAP_DMA / UNMAP_DMA (container modes) or IOMMU_IOAS_MAP /
 *     UNMAP (cdev), random IOVA, size and flags over a buffer of ours;
 *
 * with argument buffers larger than any argsz it passes, so that the
 * kernel never writes outside them.  Every call must return (0 or an
 * errno); the program prints the seed first, so that a failure
 * reproduces from it, and what the calls returned, by ioctl and errno.
 * Then the first edu device must still deliver an MSI: the fuzzing left
 * it usable.  Exit status: 0, 2 if the attach was refused, 1 otherwise.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/iommufd.h>
#include <linux/vfio.h>

#include "lib/edu.h"
#include "lib/vfio.h"

const char *prog = "vfio-fuzz";

#define BUF_SIZE	4096
#define DMA_SIZE	(64 * 4096)
#define NR_OPS		4
#define NR_EFD		4

static uint64_t rng;

/* xorshift64*: the same seed gives the same calls. */
static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

/* Mostly small values, sometimes edges, sometimes anything. */
static uint32_t rnd32(uint32_t small)
{
	static const uint32_t edge[] = { 0, 1, 0x7fffffff, 0x80000000,
					 0xfffffffe, 0xffffffff };

	switch (rnd() % 8) {
	case 0:
		return edge[rnd() % (sizeof(edge) / sizeof(edge[0]))];
	case 1:
		return (uint32_t)rnd();
	default:
		return rnd() % (small + 1);
	}
}

static const char *const op_name[NR_OPS] = {
	"GET_INFO", "GET_IRQ_INFO", "SET_IRQS", "MAP/UNMAP",
};
static unsigned long calls[NR_OPS], ok[NR_OPS], einval[NR_OPS],
	other[NR_OPS];
static int last_errno[NR_OPS];

static void count(int op, int r)
{
	calls[op]++;
	if (!r)
		ok[op]++;
	else if (errno == EINVAL)
		einval[op]++;
	else {
		other[op]++;
		last_errno[op] = errno;
	}
}

static void get_info(int container, uint8_t *buf)
{
	struct vfio_iommu_type1_info *info = (void *)buf;

	memset(buf, 0xa5, BUF_SIZE);
	info->argsz = rnd32(96);
	info->flags = rnd32(3);
	count(0, ioctl(container, VFIO_IOMMU_GET_INFO, info));
}

static void get_irq_info(int device, uint8_t *buf)
{
	struct vfio_irq_info *info = (void *)buf;

	memset(buf, 0xa5, BUF_SIZE);
	info->argsz = rnd32(160);
	info->flags = rnd32(0x1f);
	info->index = rnd32(6);
	count(1, ioctl(device, VFIO_DEVICE_GET_IRQ_INFO, info));
}

static void fuzz_set_irqs(int device, uint8_t *buf, const int *efd)
{
	struct vfio_irq_set *set = (void *)buf;
	uint32_t n = (BUF_SIZE - sizeof(*set)) / sizeof(int32_t), i;
	int32_t *fds = (int32_t *)set->data;
	int r;

	memset(buf, 0, BUF_SIZE);
	set->flags = (1u << (rnd() % 3)) | (1u << (3 + rnd() % 3));
	if (!(rnd() % 8))
		set->flags = rnd32(0xff);
	/* Mostly calls that could be right, so that they get past the checks. */
	set->index = rnd32(6);
	set->start = rnd() % 4 ? 0 : rnd32(5);
	set->count = rnd() % 4 ? rnd() % 3 : rnd32(6);
	/* argsz never claims more than the buffer holds. */
	set->argsz = sizeof(*set) + (rnd() % 2 ? (set->count < n ? set->count : n) *
				     sizeof(int32_t) : rnd() % 64);
	for (i = 0; i < n && i < 64; i++) {
		switch (rnd() % 4) {
		case 0:
			fds[i] = -1;
			break;
		case 1:
			fds[i] = (int32_t)rnd32(64);
			break;
		default:
			fds[i] = efd[rnd() % NR_EFD];
		}
	}
	r = ioctl(device, VFIO_DEVICE_SET_IRQS, set);
	count(2, r);
}

static void map_unmap(int fd, uint8_t *dma)
{
	uint64_t iova = (rnd() % 512) << 12;
	uint64_t size = (1 + rnd() % 64) << 12;
	int r;

	if (!(rnd() % 8))
		iova |= rnd() % 4096;
	if (!(rnd() % 8))
		size = rnd();
	if (strcmp(mode, "cdev")) {
		struct vfio_iommu_type1_dma_map map = {
			.argsz = sizeof(map),
			.flags = rnd() % 8 ? VFIO_DMA_MAP_FLAG_READ |
					     VFIO_DMA_MAP_FLAG_WRITE : rnd32(0xf),
			.vaddr = (uintptr_t)dma,
			.iova = iova,
			.size = size <= DMA_SIZE ? size : DMA_SIZE,
		};
		struct vfio_iommu_type1_dma_unmap unmap = {
			.argsz = sizeof(unmap),
			.flags = rnd() % 8 ? 0 : rnd32(7),
			.iova = iova,
			.size = size,
		};

		if (rnd() % 2)
			r = ioctl(fd, VFIO_IOMMU_MAP_DMA, &map);
		else
			r = ioctl(fd, VFIO_IOMMU_UNMAP_DMA, &unmap);
	} else {
		struct iommu_ioas_map map = {
			.size = sizeof(map),
			.flags = IOMMU_IOAS_MAP_FIXED_IOVA |
				 IOMMU_IOAS_MAP_READABLE | IOMMU_IOAS_MAP_WRITEABLE,
			.ioas_id = ioas_id,
			.user_va = (uintptr_t)dma,
			.length = size <= DMA_SIZE ? size : DMA_SIZE,
			.iova = iova,
		};
		struct iommu_ioas_unmap unmap = {
			.size = sizeof(unmap),
			.ioas_id = ioas_id,
			.iova = iova,
			.length = size,
		};

		if (!(rnd() % 8))
			map.flags = rnd32(0xf);
		if (rnd() % 2)
			r = ioctl(fd, IOMMU_IOAS_MAP, &map);
		else
			r = ioctl(fd, IOMMU_IOAS_UNMAP, &unmap);
	}
	count(3, r);
}

/* After the fuzzing: MSI on the first edu device, raised and received. */
static int msi_works(int device)
{
	struct edu e;
	uint32_t index;
	int got;

	/* Whatever the fuzzing left enabled, start from nothing. */
	for (index = VFIO_PCI_INTX_IRQ_INDEX; index <= VFIO_PCI_MSIX_IRQ_INDEX;
	     index++)
		set_irqs_index(device, index, VFIO_IRQ_SET_DATA_NONE |
			       VFIO_IRQ_SET_ACTION_TRIGGER, 0, 0, NULL);
	if (edu_open(&e, device))
		return 1;
	got = edu_msi_round_trip(&e, 5000);
	edu_close(&e);
	say("after", "MSI raised by edu %s", got ? "arrived" : "did not arrive");
	return got ? 0 : 1;
}

int main(int argc, char **argv)
{
	char bdf[MAX_EDU + 1][EDU_BDF_LEN];
	int devices[MAX_EDU + 1], efd[NR_EFD];
	unsigned long n, i, total;
	uint8_t *buf, *dma;
	int fd, ndev, op;
	char *arg, *seed;

	/* MODE[/SEED[/CALLS]]: one argument, as /init passes it. */
	arg = argc > 1 ? argv[1] : "type1";
	mode = strsep(&arg, "/");
	seed = arg ? strsep(&arg, "/") : NULL;
	rng = seed ? strtoull(seed, NULL, 0) : 1;
	total = arg ? strtoul(arg, NULL, 0) : 4000;
	say("seed", "%llu, %lu calls", (unsigned long long)rng, total);
	if (!rng)
		rng = 1;

	ndev = find_edus(bdf, MAX_EDU);
	if (ndev != 2)
		return fail("two edu devices");
	/* The platform device with an MSI index, where the machine has it. */
	if (!access("/sys/bus/platform/devices/test-msi", F_OK))
		snprintf(bdf[ndev++], EDU_BDF_LEN, "test-msi");
	say("devices", "%d", ndev);
	fd = take(bdf, ndev, devices);
	if (fd < 0)
		return fd == -2 ? 2 : 1;
	buf = aligned_alloc(4096, BUF_SIZE);
	dma = mmap(NULL, DMA_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (!buf || dma == MAP_FAILED)
		return fail("buffers");
	for (i = 0; i < NR_EFD; i++)
		efd[i] = eventfd(0, EFD_NONBLOCK);

	for (n = 0; n < total; n++) {
		op = rnd() % NR_OPS;
		if (op == 0 && !strcmp(mode, "cdev"))
			op = 1;
		switch (op) {
		case 0:
			get_info(fd, buf);
			break;
		case 1:
			get_irq_info(devices[rnd() % ndev], buf);
			break;
		case 2:
			fuzz_set_irqs(devices[rnd() % ndev], buf, efd);
			break;
		case 3:
			map_unmap(fd, dma);
			break;
		}
	}
	for (op = 0, n = 0; op < NR_OPS; op++) {
		n += calls[op];
		say("calls", "%s %lu times: %lu ok, %lu EINVAL, %lu other (last: %s)",
		    op_name[op], calls[op], ok[op], einval[op], other[op],
		    other[op] ? strerror(last_errno[op]) : "none");
	}
	say("answered", "%lu of %lu calls", n, total);
	return msi_works(devices[0]);
}
