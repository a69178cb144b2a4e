// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-platform MODE: take the two platform devices qemu.sh adds to the
 * machine's device tree with vfio-platform, in one of the ways userspace
 * can (MODE as for vfio-msi: type1, compat, cdev), one after the other:
 *
 *   test-wired  one wired SPI (SPI 200, INTID 232), an IOMMU, no MSI
 *               domain: it must attach without any override, and its SPI,
 *               made pending by writing GICD_ISPENDR, must reach its
 *               eventfd;
 *   test-msi    one wired SPI and 4 MSIs ("msi-doorbell,test-msi",
 *               msi-parent on the ITS or the GICv2m frame): its MSI index
 *               follows the wired one.  The program enables the MSIs with
 *               eventfds, reads each vector's message from the IRQ info
 *               capability and plays the device: it writes the message's
 *               data to the doorbell, through /dev/mem, and waits for the
 *               vector's eventfd.  The doorbell is the one at the
 *               message's page offset; before it writes, the program runs
 *               the KUnit suite vfio_platform_msi_iova, which names the
 *               doorbell each message's IOVA maps to in the device's
 *               IOMMU domain: the runner checks they are the same.
 *
 * Each device's MSI doorbells capability (VFIO_DEVICE_GET_INFO) is read
 * first, test-msi's at every argsz that matters.
 *
 * There is no hardware behind either node: the writes are the CPU's.  A
 * GICv3 ITS takes the DeviceID from the requester, 0 for the CPU, which
 * is why the node's msi-parent gives DeviceID 0.
 *
 * Prints one "vfio-platform[MODE]: KEY: VALUE" line per step.  Exit
 * status: 0 if every step ran, 2 if an attach or the MSIs were refused
 * (reported, not a failure of this program), 1 on anything else.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/vfio.h>

#include "lib/vfio.h"

const char *prog = "vfio-platform";

#define WIRED_DEV	"test-wired"
#define MSI_DEV		"test-msi"
#define MSI_VECTORS	4	/* the test-msi provider's count */
#define GICD_BASE	0x08000000UL	/* virt: GICv2 and GICv3 alike */
#define GICD_ISPENDR	0x200
#define WIRED_INTID	232		/* SPI 200 */

/* The uAPI is forever: the layout userspace builds against. */
_Static_assert(sizeof(struct vfio_irq_info) == 24 &&
	       offsetof(struct vfio_irq_info, cap_offset) == 16,
	       "cap_offset appended to struct vfio_irq_info, 64-bit aligned");
_Static_assert(sizeof(struct vfio_irq_msi_msg) == 16 &&
	       offsetof(struct vfio_irq_info_cap_msi_msgs, msgs) == 16,
	       "MSI messages are 16 bytes, after a 16-byte header");

static const char *errname(int e)
{
	switch (e) {
	case 0: return "0";
	case EINVAL: return "EINVAL";
	case EPERM: return "EPERM";
	case ENOSPC: return "ENOSPC";
	case EFAULT: return "EFAULT";
	default: return strerror(e);
	}
}

/* Map one page of physical memory with /dev/mem. */
static volatile uint32_t *phys_page(uint64_t addr)
{
	long pg = sysconf(_SC_PAGESIZE);
	int fd = open("/dev/mem", O_RDWR | O_SYNC);
	void *p;

	if (fd < 0)
		return NULL;
	p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 addr & ~(uint64_t)(pg - 1));
	close(fd);
	return p == MAP_FAILED ? NULL : p;
}

static int phys_write32(uint64_t addr, uint32_t val)
{
	volatile uint32_t *p = phys_page(addr);
	long pg = sysconf(_SC_PAGESIZE);

	if (!p)
		return -1;
	p[(addr & (pg - 1)) / 4] = val;
	munmap((void *)p, pg);
	return 0;
}


/*
 * Userspace written before extended indexes, as QEMU 10.1's vfio-platform
 * walks a device (vfio_populate_device()): GET_IRQ_INFO with the old
 * argsz on every index below num_irqs, and every one with
 * VFIO_IRQ_INFO_EVENTFD becomes a wired line it registers, triggers and,
 * if it says MASKABLE, unmasks.  It must find exactly the wired lines.
 */
static int old_client(int device, uint32_t num_irqs)
{
	uint32_t i, lines = 0;

	for (i = 0; i < num_irqs; i++) {
		struct vfio_irq_info info = { .argsz = 16, .index = i };

		if (ioctl(device, VFIO_DEVICE_GET_IRQ_INFO, &info))
			return fail("VFIO_DEVICE_GET_IRQ_INFO");
		say("old-client", "index %u: count %u, flags 0x%x", i,
		    info.count, info.flags);
		if (info.flags & VFIO_IRQ_INFO_EVENTFD)
			lines++;
	}
	say("old-client", "%u wired line(s)", lines);
	return 0;
}

/* "DEVICE index I: count C, flags F, type T/S" of one index. */
static int describe(const char *key, int device, uint32_t index,
		    uint32_t *subtype)
{
	struct vfio_irq_info *info = irq_info(device, index);
	struct vfio_irq_info_cap_type *type;

	if (!info)
		return fail("VFIO_DEVICE_GET_IRQ_INFO");
	type = (void *)irq_cap(info, VFIO_IRQ_INFO_CAP_TYPE);
	say("irq", "%s index %u: count %u, flags 0x%x, type %u/%u", key, index,
	    info->count, info->flags, type ? type->type : 0,
	    type ? type->subtype : 0);
	*subtype = type ? type->subtype : 0;
	free(info);
	return 0;
}

/* The doorbell, from the registry's listing, at @iova's page offset. */
static uint64_t doorbell_of(uint64_t iova)
{
	FILE *f = fopen("/sys/kernel/debug/irq/msi_doorbells", "r");
	unsigned long long base, size;
	char line[256];
	uint64_t found = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx %llx", &base, &size) == 2 &&
		    (base & 0xfff) == (iova & 0xfff) && !found)
			found = base;
	fclose(f);
	return found;
}

static int wired(void)
{
	char name[1][EDU_BDF_LEN] = { WIRED_DEV };
	int32_t fd = eventfd(0, EFD_NONBLOCK);
	uint32_t subtype;
	int device, h;

	h = take(name, 1, &device);
	if (h < 0)
		return h == -2 ? 2 : 1;
	device_msi_doorbells(device, WIRED_DEV, 0);
	if (describe(WIRED_DEV, device, 0, &subtype))
		return 1;
	if (set_irqs_index(device, 0, VFIO_IRQ_SET_DATA_EVENTFD |
			   VFIO_IRQ_SET_ACTION_TRIGGER, 0, 1, &fd))
		return fail("SET_IRQS on the wired index");
	if (fired(fd, 0))
		say("wired", "fired before its SPI was pending");
	if (phys_write32(GICD_BASE + GICD_ISPENDR + WIRED_INTID / 32 * 4,
			 1u << (WIRED_INTID % 32)))
		return fail("/dev/mem: GICD_ISPENDR");
	say("wired", "SPI %u %s", WIRED_INTID - 32,
	    fired(fd, 2000) ? "delivered" : "not delivered");
	/* Level and automasked: unmask, as a user would after handling. */
	if (set_irqs_index(device, 0, VFIO_IRQ_SET_DATA_NONE |
			   VFIO_IRQ_SET_ACTION_UNMASK, 0, 1, NULL))
		return fail("UNMASK");
	close(device);
	close(h);
	return 0;
}

static void hostile(int device, uint32_t msi)
{
	int32_t fds[MSI_VECTORS + 1] = { -1, -1, -1, -1, -1 };
	struct vfio_irq_info info = { .argsz = 12, .index = msi };
	struct vfio_irq_set huge = {
		.argsz = sizeof(huge), .index = msi, .count = 0xffffffff,
		.flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
	};
	int r;

	errno = 0;
	r = set_irqs_index(device, msi, VFIO_IRQ_SET_DATA_EVENTFD |
			   VFIO_IRQ_SET_ACTION_TRIGGER, 3, 2, fds);
	say("hostile", "SET_IRQS start 3 count 2: %s", errname(r ? errno : 0));
	errno = 0;
	r = set_irqs_index(device, msi, VFIO_IRQ_SET_DATA_EVENTFD |
			   VFIO_IRQ_SET_ACTION_TRIGGER, 4, 1, fds);
	say("hostile", "SET_IRQS start 4 count 1: %s", errname(r ? errno : 0));
	errno = 0;
	r = ioctl(device, VFIO_DEVICE_SET_IRQS, &huge);
	say("hostile", "SET_IRQS count 0xffffffff: %s", errname(r ? errno : 0));
	errno = 0;
	r = set_irqs_index(device, msi, VFIO_IRQ_SET_DATA_NONE |
			   VFIO_IRQ_SET_ACTION_MASK, 0, 1, NULL);
	say("hostile", "SET_IRQS MASK: %s", errname(r ? errno : 0));
	errno = 0;
	r = set_irqs_index(device, msi + 1, VFIO_IRQ_SET_DATA_NONE |
			   VFIO_IRQ_SET_ACTION_TRIGGER, 0, 0, NULL);
	say("hostile", "SET_IRQS index %u: %s", msi + 1, errname(r ? errno : 0));
	errno = 0;
	r = ioctl(device, VFIO_DEVICE_GET_IRQ_INFO, &info);
	say("hostile", "GET_IRQ_INFO argsz 12: %s", errname(r ? errno : 0));
	info.argsz = sizeof(info);
	info.index = msi + 1;
	errno = 0;
	r = ioctl(device, VFIO_DEVICE_GET_IRQ_INFO, &info);
	say("hostile", "GET_IRQ_INFO index %u: %s", msi + 1,
	    errname(r ? errno : 0));
}

/* The messages capability of the MSI index, printed; how many armed. */
static int messages(int device, uint32_t msi, const char *when,
		    struct vfio_irq_msi_msg *out)
{
	struct vfio_irq_info *info = irq_info(device, msi);
	struct vfio_irq_info_cap_msi_msgs *msgs;
	uint32_t i;
	int armed = 0;

	if (!info)
		return fail("VFIO_DEVICE_GET_IRQ_INFO");
	msgs = (void *)irq_cap(info, VFIO_IRQ_INFO_CAP_MSI_MSGS);
	if (!msgs) {
		say("msi", "%s: no messages", when);
		free(info);
		return 0;
	}
	for (i = 0; i < msgs->nr_msgs && i < MSI_VECTORS; i++) {
		out[i] = msgs->msgs[i];
		if (msgs->msgs[i].flags & VFIO_IRQ_MSI_MSG_ARMED)
			armed++;
	}
	say("msi", "%s: %u messages, %d armed%s", when, msgs->nr_msgs, armed,
	    msgs->__reserved ? ", reserved field set" : "");
	free(info);
	return armed;
}

/* Play the device: write vector @v's message, see its eventfd fire. */
static int raise_vector(struct vfio_irq_msi_msg *m, int fd, uint32_t v)
{
	uint64_t db = doorbell_of(m->addr);

	if (!db)
		return fail("no doorbell at the message's page offset");
	if (fired(fd, 0))
		say("msi", "vector %u fired before its message was written", v);
	say("msi", "vector %u: message: address 0x%llx, data 0x%x", v,
	    (unsigned long long)m->addr, m->data);
	if (phys_write32(db, m->data))
		return fail("/dev/mem: the doorbell");
	say("msi", "vector %u: message written to the doorbell 0x%llx: %s", v,
	    (unsigned long long)db, fired(fd, 2000) ? "delivered" : "not delivered");
	return 0;
}

static int msi(void)
{
	char name[1][EDU_BDF_LEN] = { MSI_DEV };
	struct vfio_device_info dinfo = { .argsz = sizeof(dinfo) };
	struct vfio_irq_msi_msg m[MSI_VECTORS] = {};
	int32_t fds[MSI_VECTORS];
	uint32_t msi, subtype, i;
	int device, h, r;

	h = take(name, 1, &device);
	if (h < 0)
		return h == -2 ? 2 : 1;
	device_msi_doorbells(device, MSI_DEV, 1);
	if (ioctl(device, VFIO_DEVICE_GET_INFO, &dinfo))
		return fail("VFIO_DEVICE_GET_INFO");
	say("msi", "num_irqs %u, %s", dinfo.num_irqs,
	    dinfo.flags & VFIO_DEVICE_FLAGS_PLATFORM ? "platform" : "not platform");
	if (old_client(device, dinfo.num_irqs))
		return 1;
	/* Every index below num_irqs is wired; GET_INFO lists the MSI index. */
	for (i = 0; i < dinfo.num_irqs; i++)
		if (describe(MSI_DEV, device, i, &subtype))
			return 1;
	r = device_ext_irq(device, VFIO_IRQ_TYPE_PLATFORM,
			   VFIO_IRQ_SUBTYPE_PLATFORM_MSI);
	if (r < 0) {
		say("msi", "no MSI index listed by VFIO_DEVICE_GET_INFO");
		return 1;
	}
	msi = r;
	if (describe(MSI_DEV, device, msi, &subtype) ||
	    subtype != VFIO_IRQ_SUBTYPE_PLATFORM_MSI) {
		say("msi", "index %u is not an MSI index", msi);
		return 1;
	}
	say("msi", "MSI index %u, listed by VFIO_DEVICE_GET_INFO (num_irqs %u)",
	    msi, dinfo.num_irqs);
	hostile(device, msi);
	messages(device, msi, "before enable", m);

	for (i = 0; i < MSI_VECTORS; i++)
		fds[i] = eventfd(0, EFD_NONBLOCK);
	errno = 0;
	r = set_irqs_index(device, msi, VFIO_IRQ_SET_DATA_EVENTFD |
			   VFIO_IRQ_SET_ACTION_TRIGGER, 0, MSI_VECTORS, fds);
	if (r) {
		say("msi", "enable refused: %s", errname(errno));
		return errno == EPERM || errno == ENOSPC ? 2 : 1;
	}
	if (messages(device, msi, "enabled", m) != MSI_VECTORS)
		return 1;
	for (i = 0; i < MSI_VECTORS; i++)
		if (raise_vector(&m[i], fds[i], i))
			return 1;

	/* Loopback, as for any VFIO index: DATA_NONE signals vector 3. */
	if (set_irqs_index(device, msi, VFIO_IRQ_SET_DATA_NONE |
			   VFIO_IRQ_SET_ACTION_TRIGGER, 3, 1, NULL))
		return fail("SET_IRQS loopback");
	say("msi", "loopback on vector 3: %s",
	    fired(fds[3], 1000) ? "delivered" : "not delivered");

	/* Disarm vector 1 alone: it loses its message, the others keep theirs. */
	fds[1] = -1;
	if (set_irqs_index(device, msi, VFIO_IRQ_SET_DATA_EVENTFD |
			   VFIO_IRQ_SET_ACTION_TRIGGER, 1, 1, &fds[1]))
		return fail("SET_IRQS disarm vector 1");
	messages(device, msi, "vector 1 disarmed", m);
	if (raise_vector(&m[2], fds[2], 2))
		return 1;

	/* count 0: everything freed; the messages go with the vectors. */
	if (set_irqs_index(device, msi, VFIO_IRQ_SET_DATA_NONE |
			   VFIO_IRQ_SET_ACTION_TRIGGER, 0, 0, NULL))
		return fail("SET_IRQS disable");
	messages(device, msi, "disabled", m);

	/* Enabled again, one vector, then closed with it armed. */
	if (set_irqs_index(device, msi, VFIO_IRQ_SET_DATA_EVENTFD |
			   VFIO_IRQ_SET_ACTION_TRIGGER, 0, 1, &fds[0]))
		return fail("SET_IRQS enable again");
	messages(device, msi, "enabled again", m);
	if (raise_vector(&m[0], fds[0], 0))
		return 1;
	close(device);
	close(h);
	say("msi", "closed with vector 0 armed");
	return 0;
}

int main(int argc, char **argv)
{
	int a, b;

	mode = argc > 1 ? argv[1] : "type1";
	a = wired();
	b = msi();
	return a == 1 || b == 1 ? 1 : a ? a : b;
}
