// SPDX-License-Identifier: GPL-2.0
/*
 * msi-doorbell: can this device be passed through with VFIO?
 *
 *   msi-doorbell            a table of every IOMMU group: its devices (with
 *                           their drivers), the pages of the MSI window
 *                           their doorbells take, the override and VFIO's
 *                           verdict
 *   msi-doorbell DEVICE     one line for DEVICE (0000:00:02.0, or a
 *                           platform device's name): "can be passed
 *                           through", "only with the override" or
 *                           "cannot", and why
 *   --json                  the same as JSON
 *
 * It reads only /sys/kernel/iommu_groups/N/{devices,msi_doorbell_pages,
 * msi_verdict,msi_unsafe_allowed} and the devices' driver links: one
 * value each, readable by any user.  Which doorbell makes a group unsafe
 * is in the kernel's log when VFIO refuses it.
 *
 * Exit status, for scripts: 0 can be passed through; 1 only with the
 * override (set or not); 2 cannot (in no IOMMU group); 3 on an error (a
 * kernel without these files, a device that does not exist, no
 * permission).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GROUPS		"/sys/kernel/iommu_groups"

enum { CAN = 0, OVERRIDE = 1, CANNOT = 2, ERROR = 3 };

struct group {
	int	id;
	unsigned long pages;		/* msi_doorbell_pages */
	char	verdict[32];		/* msi_verdict */
	int	override;
};

static int json;

static int error(const char *what, const char *path)
{
	if (errno == ENOENT && strstr(path, "msi_"))
		fprintf(stderr, "msi-doorbell: %s: no such file: this kernel does not have the MSI doorbell registry's sysfs files (/sys/kernel/iommu_groups/N/msi_doorbell_pages)\n",
			path);
	else
		fprintf(stderr, "msi-doorbell: %s %s: %s\n", what, path,
			strerror(errno));
	return ERROR;
}

static int read_group(int id, struct group *g)
{
	char path[128];
	FILE *f;

	g->id = id;
	snprintf(path, sizeof(path), GROUPS "/%d/msi_doorbell_pages", id);
	f = fopen(path, "r");
	if (!f)
		return error("reading", path);
	if (fscanf(f, "%lu", &g->pages) != 1) {
		fclose(f);
		errno = EIO;
		return error("reading", path);
	}
	fclose(f);
	snprintf(path, sizeof(path), GROUPS "/%d/msi_verdict", id);
	f = fopen(path, "r");
	if (!f)
		return error("reading", path);
	if (fscanf(f, "%31s", g->verdict) != 1) {
		fclose(f);
		errno = EIO;
		return error("reading", path);
	}
	fclose(f);
	snprintf(path, sizeof(path), GROUPS "/%d/msi_unsafe_allowed", id);
	f = fopen(path, "r");
	if (!f)
		return error("reading", path);
	if (fscanf(f, "%d", &g->override) != 1)
		g->override = 0;
	fclose(f);
	return 0;
}

static const char *verdict(const struct group *g)
{
	return g->verdict;
}

/* The answer the verdict gives: CAN or OVERRIDE. */
static int answer(const struct group *g)
{
	return strcmp(verdict(g), "isolated") ? OVERRIDE : CAN;
}

/* The device's driver, or "-". */
static void driver_of(int id, const char *dev, char *buf, size_t len)
{
	char path[512], link[512];
	ssize_t n;

	snprintf(path, sizeof(path), GROUPS "/%d/devices/%s/driver", id, dev);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0) {
		snprintf(buf, len, "-");
		return;
	}
	link[n] = '\0';
	snprintf(buf, len, "%s", strrchr(link, '/') + 1);
}

static void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
	putchar('"');
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static int list_groups(int *ids, int max)
{
	DIR *d = opendir(GROUPS);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)) && n < max)
		if (e->d_name[0] != '.')
			ids[n++] = atoi(e->d_name);
	closedir(d);
	qsort(ids, n, sizeof(*ids), cmp_int);
	return n;
}

/* The devices of group @id, in directory order. */
static int group_devices(int id, char devs[][256], int max)
{
	char path[128];
	struct dirent *e;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof(path), GROUPS "/%d/devices", id);
	d = opendir(path);
	if (!d)
		return -1;
	while ((e = readdir(d)) && n < max)
		if (e->d_name[0] != '.')
			snprintf(devs[n++], 256, "%s", e->d_name);
	closedir(d);
	return n;
}

static void print_group_json(const struct group *g, char devs[][256], int nr)
{
	char drv[64];
	int i;

	printf("{\"group\": %d, \"devices\": [", g->id);
	for (i = 0; i < nr; i++) {
		driver_of(g->id, devs[i], drv, sizeof(drv));
		printf("%s{\"name\": ", i ? ", " : "");
		json_str(devs[i]);
		printf(", \"driver\": ");
		json_str(drv);
		printf("}");
	}
	printf("], \"msi_doorbell_pages\": %lu", g->pages);
	printf(", \"override\": %s, \"verdict\": ", g->override ? "true" : "false");
	json_str(verdict(g));
	printf(", \"answer\": \"%s\"}", answer(g) == CAN ? "can" : "override");
}

static int table(void)
{
	static struct group g;
	char devs[32][256], drv[64], idstr[16];
	int ids[1024], n, i, j, nr;

	n = list_groups(ids, 1024);
	if (n < 0)
		return error("reading", GROUPS);
	if (json)
		printf("[");
	else
		printf("%-5s %-16s %-14s %s\n", "GROUP", "DEVICE", "DRIVER",
		       "MSI PAGES, OVERRIDE, VERDICT");
	for (i = 0; i < n; i++) {
		if (read_group(ids[i], &g))
			return ERROR;
		nr = group_devices(ids[i], devs, 32);
		if (json) {
			printf("%s", i ? ",\n " : "");
			print_group_json(&g, devs, nr < 0 ? 0 : nr);
			continue;
		}
		snprintf(idstr, sizeof(idstr), "%d", ids[i]);
		for (j = 0; j < nr; j++) {
			driver_of(ids[i], devs[j], drv, sizeof(drv));
			printf("%-5s %-16s %s\n", j ? "" : idstr, devs[j], drv);
		}
		printf("%-5s %-16s %-14s pages %lu, override %d, %s\n",
		       nr > 0 ? "" : idstr, "", "", g.pages, g.override,
		       verdict(&g));
	}
	if (json)
		printf("]\n");
	return 0;
}

/* The IOMMU group of a PCI or platform device: its id, -1 if none. */
static int device_group(const char *dev, int *id)
{
	static const char *const buses[] = { "pci", "platform", "amba", "fsl-mc", "cdx" };
	char path[256], link[256];
	unsigned int i;
	ssize_t n;

	for (i = 0; i < sizeof(buses) / sizeof(buses[0]); i++) {
		snprintf(path, sizeof(path), "/sys/bus/%s/devices/%s", buses[i], dev);
		if (access(path, F_OK))
			continue;
		snprintf(path, sizeof(path), "/sys/bus/%s/devices/%s/iommu_group",
			 buses[i], dev);
		n = readlink(path, link, sizeof(link) - 1);
		if (n < 0) {
			*id = -1;
			return 0;
		}
		link[n] = '\0';
		*id = atoi(strrchr(link, '/') + 1);
		return 0;
	}
	fprintf(stderr, "msi-doorbell: no device %s: give a PCI address (0000:00:02.0) or a platform device's name, as in /sys/bus/*/devices\n",
		dev);
	return -1;
}

static int one(const char *dev)
{
	static struct group g;
	const char *why = "it can forge MSIs: a doorbell it reaches does not tell devices apart (the kernel log names it when VFIO refuses the group)";
	int id, a;

	if (device_group(dev, &id))
		return ERROR;
	if (id < 0) {
		if (json)
			printf("{\"device\": \"%s\", \"answer\": \"cannot\", \"why\": \"in no IOMMU group\"}\n", dev);
		else
			printf("%s: cannot be passed through now: it is in no IOMMU group (no IOMMU translates its DMA, or, where the IOMMU is described by the device tree, no driver has bound to it yet: bind it to vfio-pci or vfio-platform and ask again)\n", dev);
		return CANNOT;
	}
	if (read_group(id, &g))
		return ERROR;
	a = answer(&g);
	if (json) {
		printf("{\"device\": ");
		json_str(dev);
		printf(", \"group\": %d, \"answer\": \"%s\", \"msi_doorbell_pages\": %lu, \"override\": %s, \"verdict\": ",
		       id, a == CAN ? "can" : "override", g.pages,
		       g.override ? "true" : "false");
		json_str(verdict(&g));
		printf("}\n");
	} else if (a == CAN) {
		printf("%s: can be passed through (iommu group %d: %s)\n", dev, id, verdict(&g));
	} else if (g.override) {
		printf("%s: only with an override, which is set (iommu group %d: %s): %s\n",
		       dev, id, verdict(&g), why);
	} else {
		printf("%s: only with an override (iommu group %d: %s): %s; write 1 to %s/%d/msi_unsafe_allowed, or set a VFIO backend's allow_unsafe_interrupts, to allow it anyway\n",
		       dev, id, verdict(&g), why, GROUPS, id);
	}
	return a;
}

int main(int argc, char **argv)
{
	const char *dev = NULL;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = 1;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			printf("usage: msi-doorbell [--json] [DEVICE]\n");
			return 0;
		} else if (!dev) {
			dev = argv[i];
		} else {
			fprintf(stderr, "usage: msi-doorbell [--json] [DEVICE]\n");
			return ERROR;
		}
	}
	if (access(GROUPS, F_OK))
		return error("reading", GROUPS);
	return dev ? one(dev) : table();
}
