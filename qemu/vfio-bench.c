// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-bench MODE[/N]: what VFIO costs on the first edu device, N times
 * each (default 200), in MODE (type1, compat or cdev, as for vfio-msi):
 *
 *   attach     type1 and compat: VFIO_GROUP_SET_CONTAINER and
 *              VFIO_SET_IOMMU on a fresh container, the calls the MSI
 *              isolation check is made in; cdev: VFIO_DEVICE_BIND_IOMMUFD
 *              and VFIO_DEVICE_ATTACH_IOMMUFD_PT on a fresh iommufd;
 *   get-info   VFIO_DEVICE_GET_INFO with room for every capability;
 *   msi-enable VFIO_DEVICE_SET_IRQS arming MSI 0 with an eventfd (the
 *              disarm that follows is not timed);
 *   msi-rtt    edu raises MSI 0, the eventfd is polled until it fires.
 *
 * Prints "vfio-bench[MODE]: OP: n=N median=.. p10=.. p90=.. min=.. max=.. ns"
 * for each; make bench boots a kernel with the series and one without,
 * in turns, and compares.  Exit status: 0 if every step ran, 1 if not.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/iommufd.h>
#include <linux/vfio.h>

#include "lib/edu.h"
#include "lib/vfio.h"

const char *prog = "vfio-bench";

#define MAX_ITERS	10000

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *op, uint64_t *ns, int n)
{
	qsort(ns, n, sizeof(*ns), cmp_u64);
	/* say() takes its key as a literal; the same line, by hand. */
	printf("%s[%s]: %s: n=%d median=%llu p10=%llu p90=%llu min=%llu max=%llu ns\n",
	       prog, mode, op, n, (unsigned long long)ns[n / 2],
	       (unsigned long long)ns[n / 10], (unsigned long long)ns[n * 9 / 10],
	       (unsigned long long)ns[0], (unsigned long long)ns[n - 1]);
	fflush(stdout);
}

/* One attach of the device's group to a fresh container, timed. */
static int attach_container(int group, uint64_t *ns)
{
	int container = open(container_path(), O_RDWR);
	uint64_t t0;
	int ret = 0;

	if (container < 0)
		return fail(container_path());
	t0 = now_ns();
	if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container) ||
	    ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU))
		ret = fail("attach");
	*ns = now_ns() - t0;
	ioctl(group, VFIO_GROUP_UNSET_CONTAINER);
	close(container);
	return ret;
}

/* One bind and attach of the device's cdev to a fresh iommufd, timed. */
static int attach_cdev(const char *path, uint64_t *ns)
{
	struct iommu_ioas_alloc alloc = { .size = sizeof(alloc) };
	struct vfio_device_attach_iommufd_pt attach = { .argsz = sizeof(attach) };
	struct vfio_device_bind_iommufd bind = { .argsz = sizeof(bind) };
	int iommufd = open("/dev/iommu", O_RDWR);
	int device = open(path, O_RDWR);
	uint64_t t0;
	int ret = 0;

	if (iommufd < 0 || device < 0 || ioctl(iommufd, IOMMU_IOAS_ALLOC, &alloc)) {
		ret = fail("/dev/iommu or the cdev");
		goto out;
	}
	bind.iommufd = iommufd;
	attach.pt_id = alloc.out_ioas_id;
	t0 = now_ns();
	if (ioctl(device, VFIO_DEVICE_BIND_IOMMUFD, &bind) ||
	    ioctl(device, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &attach))
		ret = fail("bind and attach");
	*ns = now_ns() - t0;
out:
	if (device >= 0)
		close(device);
	if (iommufd >= 0)
		close(iommufd);
	return ret;
}

/* Attach the device @n times, afresh each time, in the program's mode. */
static int attach_loop(const char *bdf, uint64_t *ns, int n)
{
	int group_nr, group = -1, i, ret = 0;
	char path[96];

	if (bind_vfio(bdf, &group_nr))
		return fail("binding to vfio-pci");
	if (!strcmp(mode, "cdev")) {
		if (cdev_path(bdf, path, sizeof(path)))
			return fail("no vfio-dev for the device");
	} else {
		snprintf(path, sizeof(path), "/dev/vfio/%d", group_nr);
		group = open(path, O_RDWR);
		if (group < 0)
			return fail(path);
	}
	for (i = 0; i < n && !ret; i++) {
		if (group >= 0)
			ret = attach_container(group, &ns[i]);
		else
			ret = attach_cdev(path, &ns[i]);
	}
	if (group >= 0)
		close(group);
	return ret;
}

int main(int argc, char **argv)
{
	char bdf[MAX_EDU][EDU_BDF_LEN], *arg, *slash;
	int devices[MAX_EDU], n, i, iters = 200, h, ret = 0;
	struct vfio_device_info *info;
	struct edu e = { .fd = -1 };
	uint64_t *ns, t0;
	int32_t efd;

	arg = argc > 1 ? argv[1] : "type1";
	slash = strchr(arg, '/');
	if (slash) {
		*slash = '\0';
		iters = atoi(slash + 1);
	}
	mode = arg;
	if (iters < 1 || iters > MAX_ITERS)
		return fail("iterations: 1 to 10000");
	ns = calloc(iters, sizeof(*ns));
	info = calloc(1, 4096);
	if (!ns || !info)
		return fail("calloc");
	n = find_edus(bdf, MAX_EDU);
	if (!n)
		return fail("no edu device");

	if (attach_loop(bdf[0], ns, iters))
		return 1;
	report("attach", ns, iters);

	h = take(bdf, 1, devices);
	if (h < 0)
		return 1;
	for (i = 0; i < iters; i++) {
		memset(info, 0, 4096);
		info->argsz = 4096;
		t0 = now_ns();
		if (ioctl(devices[0], VFIO_DEVICE_GET_INFO, info))
			return fail("VFIO_DEVICE_GET_INFO");
		ns[i] = now_ns() - t0;
	}
	report("get-info", ns, iters);

	if (edu_open(&e, devices[0]))
		return 1;
	efd = e.efd;
	for (i = 0; i < iters; i++) {
		set_irqs(devices[0], VFIO_IRQ_SET_DATA_NONE |
			 VFIO_IRQ_SET_ACTION_TRIGGER, 0, 0, NULL);
		t0 = now_ns();
		if (set_irqs(devices[0], VFIO_IRQ_SET_DATA_EVENTFD |
			     VFIO_IRQ_SET_ACTION_TRIGGER, 0, 1, &efd))
			return fail("VFIO_DEVICE_SET_IRQS");
		ns[i] = now_ns() - t0;
	}
	report("msi-enable", ns, iters);

	for (i = 0; i < iters && !ret; i++) {
		t0 = now_ns();
		if (!edu_msi_round_trip(&e, 5000))
			ret = fail("MSI did not arrive within 5 s");
		ns[i] = now_ns() - t0;
	}
	if (!ret)
		report("msi-rtt", ns, iters);
	edu_close(&e);
	close(devices[0]);
	close(h);
	free(info);
	free(ns);
	return ret;
}
