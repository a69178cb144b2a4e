// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-override MODE: one IOMMU group let through, the other not.  For the
 * machines where edu is behind an unsafe doorbell (a GICv2m frame) and no
 * machine-wide override is set; MODE as for vfio-msi.
 *
 * Prints what /sys/kernel/iommu_groups/N/msi_doorbell_pages and
 * msi_verdict say of both edu groups, and that user nobody reads them too;
 * makes hostile writes to the first group's msi_unsafe_allowed (garbage,
 * and 1 as user nobody); sets it; then the first edu
 * device is taken in MODE and its MSI arrives, while the second, in a
 * group of its own, is still refused; clearing the override while the
 * first is held is refused too; once released and cleared, the first is
 * refused again.
 *
 * Prints "vfio-override[MODE]: KEY: VALUE" lines.  Exit status: 0 if
 * everything went as said, 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/edu.h"
#include "lib/vfio.h"

const char *prog = "vfio-override";

static int group_of(const char *bdf)
{
	char path[128], link[256];
	ssize_t n;
	char *p;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group", bdf);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return -1;
	link[n] = '\0';
	p = strrchr(link, '/');
	return p ? atoi(p + 1) : -1;
}

/*
 * The group's msi_doorbell_pages, as "group: N: pages P", then its
 * msi_verdict, as "group: N: verdict WORD".
 */
static int show(int group)
{
	static const char *const files[] = { "msi_doorbell_pages", "msi_verdict" };
	char path[96], line[512];
	unsigned int i;
	FILE *f;

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "/sys/kernel/iommu_groups/%d/%s",
			 group, files[i]);
		f = fopen(path, "r");
		if (!f)
			return fail(path);
		while (fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\n")] = '\0';
			say("group", "%d: %s %s", group, i ? "verdict" : "pages", line);
		}
		fclose(f);
	}
	return 0;
}

/* Write @val to the group's override: 0, or the errno. */
static int set_override(int group, const char *val)
{
	char path[96];
	int fd, err = 0;

	snprintf(path, sizeof(path), "/sys/kernel/iommu_groups/%d/msi_unsafe_allowed", group);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return errno;
	if (write(fd, val, strlen(val)) < 0)
		err = errno;
	close(fd);
	return err;
}

/*
 * Open the group's @file as user nobody, for reading or for writing @val:
 * 0, or the errno.
 */
static int as_nobody(int group, const char *file, const char *val)
{
	char path[96], buf[64];
	int status, fd;
	pid_t pid;

	snprintf(path, sizeof(path), "/sys/kernel/iommu_groups/%d/%s", group, file);
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		if (setgid(65534) || setuid(65534))
			_exit(255);
		fd = open(path, val ? O_WRONLY : O_RDONLY);
		if (fd < 0)
			_exit(errno);
		if (val)
			_exit(write(fd, val, strlen(val)) < 0 ? errno : 0);
		_exit(read(fd, buf, sizeof(buf)) < 0 ? errno : 0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static const char *result(int err)
{
	return err ? strerror(err) : "ok";
}

/* Take one edu device alone: the fd to close, -2 if refused, -1. */
static int take_one(char bdf[][EDU_BDF_LEN], int *device)
{
	int h;

	quiet = 1;
	h = take(bdf, 1, device);
	quiet = 0;
	return h;
}

int main(int argc, char **argv)
{
	char bdf[MAX_EDU][EDU_BDF_LEN];
	int g0, g1, h0, h1, dev0, dev1, err, ok = 1;
	struct edu e;

	mode = argc > 1 ? argv[1] : "type1";
	if (find_edus(bdf, MAX_EDU) < 2)
		return fail("two edu devices");
	/* Bound to vfio-pci first: take() binds, and a group appears. */
	if (bind_vfio(bdf[0], &g0) || bind_vfio(bdf[1], &g1))
		return fail("binding edu to vfio-pci");
	g0 = group_of(bdf[0]);
	g1 = group_of(bdf[1]);
	if (g0 < 0 || g1 < 0 || g0 == g1)
		return fail("two edu devices in two IOMMU groups");
	if (show(g0) || show(g1))
		return 1;

	/* No address in them: anyone reads them. */
	err = as_nobody(g0, "msi_doorbell_pages", NULL);
	say("read msi_doorbell_pages as nobody", "%s", result(err));
	ok &= !err;
	err = as_nobody(g0, "msi_verdict", NULL);
	say("read msi_verdict as nobody", "%s", result(err));
	ok &= !err;

	err = set_override(g0, "maybe");
	say("write maybe", "%s", result(err));
	ok &= err == EINVAL;
	/* The file's mode keeps others out; root's write below goes in. */
	err = as_nobody(g0, "msi_unsafe_allowed", "1");
	say("write 1 as nobody", "%s", result(err));
	ok &= err == EACCES;
	err = set_override(g0, "1");
	say("write 1", "%s", result(err));
	ok &= !err;
	show(g0);

	/* The first group is let through, and its MSI works. */
	h0 = take_one(bdf, &dev0);
	say("edu", "%s: attach: %s", bdf[0], h0 >= 0 ? "allowed" : h0 == -2 ? "refused" : "error");
	if (h0 >= 0)
		device_msi_doorbells(dev0, bdf[0], 0);
	if (h0 < 0)
		return 1;
	if (edu_open(&e, dev0))
		return 1;
	err = edu_msi_round_trip(&e, 5000);
	say("edu", "%s: MSI %s", bdf[0], err ? "arrived" : "did not arrive");
	ok &= err;
	edu_close(&e);
	err = set_override(g0, "0");
	say("write 0 while in use", "%s", result(err));
	ok &= err == EBUSY;

	/* The second, in a group of its own, is not. */
	h1 = take_one(&bdf[1], &dev1);
	say("edu", "%s: attach: %s", bdf[1], h1 >= 0 ? "allowed" : h1 == -2 ? "refused" : "error");
	ok &= h1 == -2;
	if (h1 >= 0) {
		close(dev1);
		close(h1);
	}

	/* Released and cleared: the first is refused again. */
	close(dev0);
	close(h0);
	err = set_override(g0, "0");
	say("write 0", "%s", result(err));
	ok &= !err;
	h0 = take_one(bdf, &dev0);
	say("edu", "%s: attach again: %s", bdf[0], h0 >= 0 ? "allowed" : h0 == -2 ? "refused" : "error");
	ok &= h0 == -2;
	if (h0 >= 0) {
		close(dev0);
		close(h0);
	}
	return ok ? 0 : 1;
}
