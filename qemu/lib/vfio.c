// SPDX-License-Identifier: GPL-2.0
/*
 * What the rig's VFIO programs share; see vfio.h.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/iommufd.h>
#include <linux/vfio.h>

#include "vfio.h"

const char *mode = "type1";
uint32_t ioas_id;
int quiet;

char last_error[160];

int fail(const char *what)
{
	int saved = errno;

	snprintf(last_error, sizeof(last_error), "%s: %s", what, strerror(errno));
	say("error", "%s", last_error);
	errno = saved;
	return 1;
}

/* As fail(), for functions that return a file descriptor: -1. */
static int failed(const char *what)
{
	fail(what);
	return -1;
}

int write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, val, strlen(val));
	close(fd);
	return n == (ssize_t)strlen(val) ? 0 : -1;
}

unsigned long read_hex(const char *dir, const char *file)
{
	char path[512], buf[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	return strtoul(buf, NULL, 16);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The addresses of the PCI devices VENDOR:DEVICE, sorted: how many. */
int find_pci(unsigned int vendor, unsigned int device,
	     char bdf[][EDU_BDF_LEN], int max)
{
	const char *base = "/sys/bus/pci/devices";
	char dir[512];
	struct dirent *e;
	DIR *d = opendir(base);
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) && n < max) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(dir, sizeof(dir), "%s/%s", base, e->d_name);
		if (read_hex(dir, "vendor") == vendor &&
		    read_hex(dir, "device") == device)
			snprintf(bdf[n++], 32, "%.31s", e->d_name);
	}
	closedir(d);
	qsort(bdf, n, sizeof(bdf[0]), cmp_str);
	return n;
}

/* The edu devices' addresses, "0000:00:01.0", sorted: how many. */
int find_edus(char bdf[][EDU_BDF_LEN], int max)
{
	return find_pci(0x1234, 0x11e8, bdf, max);
}

/* The bus of a device: "pci" for a PCI address, else "platform". */
static const char *bus_of(const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s", name);
	return access(path, F_OK) ? "platform" : "pci";
}

/* /dev/vfio/devices/vfioN of a device bound to VFIO, into @path. */
int cdev_path(const char *bdf, char *path, size_t len)
{
	char dir[512];
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof(dir), "/sys/bus/%s/devices/%s/vfio-dev",
		 bus_of(bdf), bdf);
	d = opendir(dir);
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (!strncmp(e->d_name, "vfio", 4)) {
			snprintf(path, len, "/dev/vfio/devices/%.32s", e->d_name);
			closedir(d);
			return 0;
		}
	}
	closedir(d);
	return -1;
}

int bind_vfio(const char *bdf, int *group_nr)
{
	const char *bus = bus_of(bdf);
	char path[512], link[512];
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/bus/%s/devices/%s/driver_override",
		 bus, bdf);
	if (write_file(path, strcmp(bus, "pci") ? "vfio-platform" : "vfio-pci"))
		return -1;
	snprintf(path, sizeof(path), "/sys/bus/%s/drivers_probe", bus);
	if (write_file(path, bdf))
		return -1;
	snprintf(path, sizeof(path), "/sys/bus/%s/devices/%s/iommu_group",
		 bus, bdf);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return -1;
	link[n] = '\0';
	*group_nr = atoi(strrchr(link, '/') + 1);
	return 0;
}

int set_irqs(int device, uint32_t flags, uint32_t start,
		    uint32_t count, int32_t *fds)
{
	return set_irqs_index(device, VFIO_PCI_MSI_IRQ_INDEX, flags, start,
			      count, fds);
}

int set_irqs_index(int device, uint32_t index, uint32_t flags,
		   uint32_t start, uint32_t count, int32_t *fds)
{
	size_t sz = sizeof(struct vfio_irq_set) + (fds ? count * sizeof(*fds) : 0);
	struct vfio_irq_set *set = calloc(1, sz);
	int ret;

	if (!set)
		return -1;
	set->argsz = sz;
	set->flags = flags;
	set->index = index;
	set->start = start;
	set->count = count;
	if (fds)
		memcpy(set->data, fds, count * sizeof(*fds));
	ret = ioctl(device, VFIO_DEVICE_SET_IRQS, set);
	free(set);
	return ret;
}

int config_rw(int device, off_t cfg, uint16_t set_bits)
{
	uint16_t cmd;

	if (pread(device, &cmd, sizeof(cmd), cfg + PCI_COMMAND_REG) != sizeof(cmd))
		return -1;
	cmd |= set_bits;
	if (pwrite(device, &cmd, sizeof(cmd), cfg + PCI_COMMAND_REG) != sizeof(cmd))
		return -1;
	return 0;
}

/* Undo a take that stopped at device @i: close what it opened. */
static int untake(int fd, int group, int *devices, int i, int ret)
{
	int saved = errno;

	if (group >= 0)
		close(group);
	while (i-- > 0)
		close(devices[i]);
	close(fd);
	errno = saved;
	return ret;
}

/*
 * The container a container mode opens: VFIO's own for type1; for compat,
 * /dev/iommu, whose VFIO container calls (iommufd's vfio_compat.c) are
 * those that /dev/vfio/vfio answers on a kernel built with
 * CONFIG_IOMMUFD_VFIO_CONTAINER instead of type1: the same file
 * operations, which upstream's VFIO selftests reach the same way (their
 * iommufd_compat_type1 modes).  So one kernel has all three modes.
 */
const char *container_path(void)
{
	return strcmp(mode, "compat") ? "/dev/vfio/vfio" : "/dev/iommu";
}

/*
 * noiommu: VFIO's no-IOMMU mode (vfio.enable_unsafe_noiommu_mode=1), for
 * a guest with no IOMMU: the nested guest of qemu/vmm.c.
 */
static int noiommu(void)
{
	return !strcmp(mode, "noiommu");
}

static unsigned long iommu_type(void)
{
	return noiommu() ? VFIO_NOIOMMU_IOMMU : VFIO_TYPE1v2_IOMMU;
}

/*
 * The container modes: every group in one container, then the devices.
 * The group files are closed once their device is open: the device holds
 * its group, and a program that takes the devices again can reopen it.
 */
int take_container(char bdf[][EDU_BDF_LEN], int n, int *devices)
{
	struct vfio_group_status status = { .argsz = sizeof(status) };
	int container, group = -1, group_nr, i;
	char path[64];

	container = open(container_path(), O_RDWR);
	if (container < 0)
		return failed(container_path());
	if (ioctl(container, VFIO_GET_API_VERSION) != VFIO_API_VERSION ||
	    ioctl(container, VFIO_CHECK_EXTENSION, iommu_type()) != 1)
		return untake(container, -1, devices, 0,
			      failed(noiommu() ? "no-IOMMU mode not enabled" :
					       "type1v2 not supported"));
	for (i = 0; i < n; i++) {
		if (bind_vfio(bdf[i], &group_nr))
			return untake(container, -1, devices, i,
				      failed("binding the device to VFIO"));
		say("device", "%s in iommu group %d", bdf[i], group_nr);
		snprintf(path, sizeof(path), "/dev/vfio/%s%d",
			 noiommu() ? "noiommu-" : "", group_nr);
		group = open(path, O_RDWR);
		if (group < 0)
			return untake(container, -1, devices, i, failed(path));
		if (ioctl(group, VFIO_GROUP_GET_STATUS, &status) ||
		    !(status.flags & VFIO_GROUP_FLAGS_VIABLE))
			return untake(container, group, devices, i,
				      failed("group not viable"));
		/* A further group is attached here, and may be refused. */
		if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container)) {
			if (errno != EPERM)
				return untake(container, group, devices, i,
					      failed("VFIO_GROUP_SET_CONTAINER"));
			say("attach", "refused: %s", strerror(errno));
			return untake(container, group, devices, i, -2);
		}
		/* type1 attaches the groups here, refusing unsafe ones. */
		if (!i && ioctl(container, VFIO_SET_IOMMU, iommu_type())) {
			if (errno != EPERM)
				return untake(container, group, devices, i,
					      failed("VFIO_SET_IOMMU"));
			say("attach", "refused: %s", strerror(errno));
			return untake(container, group, devices, i, -2);
		}
		/* iommufd's compat container binds the device here. */
		devices[i] = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, bdf[i]);
		if (devices[i] < 0) {
			if (errno != EPERM)
				return untake(container, group, devices, i,
					      failed("VFIO_GROUP_GET_DEVICE_FD"));
			say("attach", "refused: %s", strerror(errno));
			return untake(container, group, devices, i, -2);
		}
		close(group);
		group = -1;
	}
	return container;
}

/* vfio cdev: every device bound to one iommufd, attached to one IOAS. */
int take_cdev(char bdf[][EDU_BDF_LEN], int n, int *devices)
{
	struct iommu_ioas_alloc alloc = { .size = sizeof(alloc) };
	struct vfio_device_attach_iommufd_pt attach = {
		.argsz = sizeof(attach),
	};
	struct vfio_device_bind_iommufd bind = { .argsz = sizeof(bind) };
	int iommufd, group_nr, i;
	char path[64];

	iommufd = open("/dev/iommu", O_RDWR);
	if (iommufd < 0)
		return failed("/dev/iommu");
	if (ioctl(iommufd, IOMMU_IOAS_ALLOC, &alloc))
		return untake(iommufd, -1, devices, 0,
			      failed("IOMMU_IOAS_ALLOC"));
	ioas_id = alloc.out_ioas_id;
	for (i = 0; i < n; i++) {
		if (bind_vfio(bdf[i], &group_nr))
			return untake(iommufd, -1, devices, i,
				      failed("binding the device to VFIO"));
		if (cdev_path(bdf[i], path, sizeof(path)))
			return untake(iommufd, -1, devices, i,
				      failed("no vfio-dev for the device"));
		say("device", "%s in iommu group %d as %s", bdf[i], group_nr,
		    path);
		devices[i] = open(path, O_RDWR);
		if (devices[i] < 0)
			return untake(iommufd, -1, devices, i, failed(path));
		bind.iommufd = iommufd;
		if (ioctl(devices[i], VFIO_DEVICE_BIND_IOMMUFD, &bind)) {
			if (errno != EPERM)
				return untake(iommufd, -1, devices, i + 1,
					      failed("VFIO_DEVICE_BIND_IOMMUFD"));
			say("attach", "refused: %s", strerror(errno));
			return untake(iommufd, -1, devices, i + 1, -2);
		}
		attach.pt_id = alloc.out_ioas_id;
		if (ioctl(devices[i], VFIO_DEVICE_ATTACH_IOMMUFD_PT, &attach))
			return untake(iommufd, -1, devices, i + 1,
				      failed("VFIO_DEVICE_ATTACH_IOMMUFD_PT"));
	}
	return iommufd;
}

/* Take the devices in the mode the program was given. */
int take(char bdf[][EDU_BDF_LEN], int n, int *devices)
{
	if (!strcmp(mode, "cdev"))
		return take_cdev(bdf, n, devices);
	if (!strcmp(mode, "type1") || !strcmp(mode, "compat") || noiommu())
		return take_container(bdf, n, devices);
	errno = EINVAL;
	return failed("mode: type1, compat, cdev or noiommu");
}

/*
 * VFIO_DEVICE_GET_INFO of @device with room for its whole chain, in *@out
 * (to free), *@size its size; the capability @id in it, whole (of at
 * least @min bytes, and, if @entry, its *(u32 *)(cap + @count_at) entries
 * of @entry bytes after @min), or NULL.
 */
static struct vfio_info_cap_header *
device_info_cap(int device, uint16_t id, size_t min, size_t count_at,
		size_t entry, struct vfio_device_info **out, uint32_t *size)
{
	struct vfio_device_info probe = { .argsz = sizeof(probe) };
	struct vfio_info_cap_header *hdr;
	struct vfio_device_info *info;
	uint32_t off, need;

	*out = NULL;
	if (ioctl(device, VFIO_DEVICE_GET_INFO, &probe))
		return NULL;
	need = probe.argsz;
	info = calloc(1, need);
	if (!info)
		return NULL;
	*out = info;
	*size = need;
	info->argsz = need;
	if (ioctl(device, VFIO_DEVICE_GET_INFO, info) ||
	    !(info->flags & VFIO_DEVICE_FLAGS_CAPS))
		return NULL;
	for (off = info->cap_offset; off && off + sizeof(*hdr) <= need;
	     off = hdr->next) {
		hdr = (void *)((char *)info + off);
		if (hdr->id != id)
			continue;
		if (off + min > need)
			return NULL;
		if (entry && off + min +
		    (size_t)*(uint32_t *)((char *)hdr + count_at) * entry > need)
			return NULL;
		return hdr;
	}
	return NULL;
}

/*
 * VFIO_DEVICE_GET_INFO's MSI doorbells capability of @device, named @name
 * in what is printed: a "device-cap" line with its flags and count, then
 * one per doorbell.  With @sweep, first the argsz a caller could pass:
 * minsz, the whole structure, one byte short of the chain, the chain.
 */
int device_msi_doorbells(int device, const char *name, int sweep)
{
	struct vfio_device_info_cap_msi_doorbells *cap;
	struct vfio_device_info *info;
	uint32_t i, need;

	if (sweep) {
		struct vfio_device_info probe = { .argsz = sizeof(probe) };
		uint32_t sizes[4];

		if (ioctl(device, VFIO_DEVICE_GET_INFO, &probe))
			return fail("VFIO_DEVICE_GET_INFO");
		need = probe.argsz;
		info = calloc(1, need);
		if (!info)
			return fail("calloc");
		sizes[0] = 16;
		sizes[1] = sizeof(*info);
		sizes[2] = need - 1;
		sizes[3] = need;
		for (i = 0; i < 4; i++) {
			int ret;

			memset(info, 0, need);
			info->argsz = sizes[i];
			ret = ioctl(device, VFIO_DEVICE_GET_INFO, info);

			say("device-info", "%s: argsz=%u ret=%d argsz_out=%u caps=%d cap_offset=%u",
			    name, sizes[i], ret, info->argsz,
			    !!(info->flags & VFIO_DEVICE_FLAGS_CAPS),
			    info->cap_offset);
		}
		free(info);
	}
	cap = (void *)device_info_cap(device, VFIO_DEVICE_INFO_CAP_MSI_DOORBELLS,
				      sizeof(*cap),
				      offsetof(typeof(*cap), nr_doorbells),
				      sizeof(cap->doorbells[0]), &info, &need);
	if (!cap) {
		if (!info)
			return fail("VFIO_DEVICE_GET_INFO");
		free(info);
		say("device-cap", "%s: no msi-doorbells capability", name);
		return 1;
	}
	say("device-cap", "%s: msi-doorbells version=%u isolated=%d group-override=%d reserved=%#x nr=%u",
	    name, cap->header.version,
	    !!(cap->flags & VFIO_DEVICE_MSI_DOORBELLS_ISOLATED),
	    !!(cap->flags & VFIO_DEVICE_MSI_DOORBELLS_UNSAFE_ALLOWED),
	    cap->flags & ~(VFIO_DEVICE_MSI_DOORBELLS_ISOLATED |
			   VFIO_DEVICE_MSI_DOORBELLS_UNSAFE_ALLOWED),
	    cap->nr_doorbells);
	for (i = 0; i < cap->nr_doorbells; i++)
		say("device-cap", "%s: doorbell size=%#llx pages=%u %s%s reserved=%#x",
		    name, (unsigned long long)cap->doorbells[i].size,
		    cap->doorbells[i].pages,
		    cap->doorbells[i].flags & VFIO_DEVICE_MSI_DOORBELL_SAFE ?
		    "safe" : "unsafe",
		    cap->doorbells[i].flags & VFIO_DEVICE_MSI_DOORBELL_PER_DEVICE ?
		    " per-device" : "",
		    cap->doorbells[i].flags & ~(VFIO_DEVICE_MSI_DOORBELL_SAFE |
						VFIO_DEVICE_MSI_DOORBELL_PER_DEVICE));
	free(info);
	return 0;
}

/*
 * The index of @device's extended IRQ of @type and @subtype, as
 * VFIO_DEVICE_GET_INFO's VFIO_DEVICE_INFO_CAP_EXT_IRQS lists it; -1 if it
 * lists none (or there is no such capability).
 */
int device_ext_irq(int device, uint32_t type, uint32_t subtype)
{
	struct vfio_device_info_cap_ext_irqs *ext;
	struct vfio_device_info *info;
	uint32_t i, need;
	int index = -1;

	ext = (void *)device_info_cap(device, VFIO_DEVICE_INFO_CAP_EXT_IRQS,
				      sizeof(*ext), offsetof(typeof(*ext), nr_irqs),
				      sizeof(ext->irqs[0]), &info, &need);
	for (i = 0; ext && i < ext->nr_irqs; i++)
		if (ext->irqs[i].type == type && ext->irqs[i].subtype == subtype)
			index = ext->irqs[i].index;
	free(info);
	return index;
}

/* Has @fd fired within @ms?  Consumes the count. */
int fired(int fd, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	uint64_t n;

	if (poll(&pfd, 1, ms) != 1)
		return 0;
	return read(fd, &n, sizeof(n)) == sizeof(n);
}

/*
 * GET_IRQ_INFO with room for capabilities: the info, and the chain in
 * a buffer the caller frees.  First with the old argsz, which must be
 * answered as before capabilities.
 */
struct vfio_irq_info *irq_info(int device, uint32_t index)
{
	struct vfio_irq_info old = { .argsz = 16, .index = index };
	struct vfio_irq_info probe = { .argsz = sizeof(probe), .index = index };
	struct vfio_irq_info *info;

	if (ioctl(device, VFIO_DEVICE_GET_IRQ_INFO, &old) ||
	    ioctl(device, VFIO_DEVICE_GET_IRQ_INFO, &probe))
		return NULL;
	if (old.flags & VFIO_IRQ_INFO_FLAG_CAPS || old.argsz != 16)
		say("old argsz", "index %u answered with capabilities", index);
	info = calloc(1, probe.argsz);
	if (!info)
		return NULL;
	info->argsz = probe.argsz;
	info->index = index;
	if (ioctl(device, VFIO_DEVICE_GET_IRQ_INFO, info)) {
		free(info);
		return NULL;
	}
	return info;
}

struct vfio_info_cap_header *irq_cap(struct vfio_irq_info *info, uint16_t id)
{
	struct vfio_info_cap_header *hdr;
	uint32_t off;

	if (!(info->flags & VFIO_IRQ_INFO_FLAG_CAPS))
		return NULL;
	for (off = info->cap_offset; off; off = hdr->next) {
		if (off % 8 || off + sizeof(*hdr) > info->argsz)
			return NULL;
		hdr = (void *)((char *)info + off);
		if (hdr->id == id)
			return hdr;
	}
	return NULL;
}
