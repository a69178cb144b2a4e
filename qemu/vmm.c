// SPDX-License-Identifier: GPL-2.0
/*
 * vmm MACHINE/SETUP[/override]: a real VMM takes the machine's first edu
 * device: Debian's own qemu-system-aarch64 (/usr/bin, with its shared
 * libraries, from Debian's packages, unmodified) starts a nested guest
 * with the device assigned, in one of QEMU's two setups:
 *
 *   type1    QEMU's default: the legacy container (/dev/vfio/vfio),
 *            VFIO_SET_IOMMU, then the device from its group;
 *   iommufd  -object iommufd: the vfio cdev bound to /dev/iommu and
 *            attached to an IOAS.
 *
 * With "override", the group's msi_unsafe_allowed is set first.  Before
 * QEMU starts, the user's tool (/bin/msi-doorbell BDF) says what will
 * happen.  The nested guest is this very kernel, with /init and
 * /bin/vmm-guest from /vmm/guest.cpio: it takes edu in VFIO's no-IOMMU
 * mode and counts the MSIs that reach it.  QEMU runs under KVM when the
 * machine lets this kernel have it (virtualization=on), else under TCG.
 *
 * The nested guest's console is printed as "guest: LINE", QEMU's own
 * messages as "qemu: LINE", and the story as
 *
 *   vmm: MACHINE SETUP: nested guest received N MSIs from edu
 *   vmm: MACHINE SETUP: qemu refused: QEMU'S MESSAGE
 *
 * ("SETUP/override" with the override), then whether that is what the
 * tool predicted.  Exit status: 0 if QEMU
 * did what the tool predicted, 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/vfio.h"

const char *prog = "vmm";

#define QEMU		"/usr/bin/qemu-system-aarch64"
#define TOOL		"/bin/msi-doorbell"
/* The nested boot, KASAN and lockdep on, under KVM under TCG. */
#define DEADLINE_S	420

static char arg[128];		/* MACHINE/SETUP[/override], cut */
static const char *machine, *setup;
static char refusal[512];	/* QEMU's last message, prefix cut */
static int received = -1;	/* what the nested guest counted */

static int override;
static char override_path[256];	/* set while this program holds it at 1 */

#define story(...) do {							\
		printf("vmm: %s %s%s: ", machine, setup,		\
		       override ? "/override" : "");			\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		fflush(stdout);						\
	} while (0)

/* Run argv, its first line of output into @line: its exit status. */
static int first_line(char *const argv[], char *line, size_t len)
{
	int pfd[2], status;
	ssize_t n = 0, r;
	pid_t pid;

	line[0] = '\0';
	if (pipe(pfd))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(pfd[1], 1);
		dup2(pfd[1], 2);
		execv(argv[0], argv);
		_exit(127);
	}
	close(pfd[1]);
	while (n < (ssize_t)len - 1 &&
	       (r = read(pfd[0], line + n, len - 1 - n)) > 0)
		n += r;
	close(pfd[0]);
	line[n] = '\0';
	line[strcspn(line, "\n")] = '\0';
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* One line of QEMU's output, from its serial console or its stderr. */
static void line_of(int err, char *l)
{
	const char *msi = "vmm-guest[noiommu]: msi: received ";
	const char *p;

	printf("%s: %s\n", err ? "qemu" : "guest", l);
	if (err) {
		p = strncmp(l, "qemu-system-aarch64: ", 21) ? l : l + 21;
		snprintf(refusal, sizeof(refusal), "%s", p);
	} else if (!strncmp(l, msi, strlen(msi))) {
		received = atoi(l + strlen(msi));
	}
}

/*
 * Print QEMU's lines as they come, until both streams close or the
 * deadline: 0, or -1 if QEMU had to be killed.
 */
static int follow(pid_t pid, int out, int err)
{
	struct pollfd p[2] = { { .fd = out, .events = POLLIN },
			       { .fd = err, .events = POLLIN } };
	char buf[2][1024];
	size_t len[2] = { 0, 0 };
	time_t end = time(NULL) + DEADLINE_S;
	int open_fds = 2, i;
	ssize_t n;

	while (open_fds) {
		if (time(NULL) > end) {
			kill(pid, SIGKILL);
			return -1;
		}
		if (poll(p, 2, 1000) <= 0)
			continue;
		for (i = 0; i < 2; i++) {
			char *nl;

			if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP)))
				continue;
			n = read(p[i].fd, buf[i] + len[i],
				 sizeof(buf[i]) - 1 - len[i]);
			if (n <= 0) {
				if (len[i]) {
					buf[i][len[i]] = '\0';
					line_of(i, buf[i]);
				}
				close(p[i].fd);
				p[i].fd = -1;
				open_fds--;
				continue;
			}
			len[i] += n;
			buf[i][len[i]] = '\0';
			while ((nl = strchr(buf[i], '\n')) ||
			       len[i] == sizeof(buf[i]) - 1) {
				size_t cut = nl ? (size_t)(nl - buf[i]) : len[i];

				buf[i][cut] = '\0';
				if (cut && buf[i][cut - 1] == '\r')
					buf[i][cut - 1] = '\0';
				line_of(i, buf[i]);
				cut += nl ? 1 : 0;
				memmove(buf[i], buf[i] + cut, len[i] - cut + 1);
				len[i] -= cut;
			}
		}
	}
	return 0;
}

/*
 * Put the group's override back to 0, so that the cases after this one
 * find the machine as it was; an early exit does it through atexit().
 */
static int clear_override(void)
{
	if (!override_path[0])
		return 0;
	if (write_file(override_path, "0")) {
		story("override: clearing: %s", last_error);
		return 1;
	}
	story("override: %s set to 0", override_path);
	override_path[0] = '\0';
	return 0;
}

static void clear_override_at_exit(void)
{
	clear_override();
}

int main(int argc, char **argv)
{
	char bdf[MAX_EDU][EDU_BDF_LEN], line[1024], dev[96];
	char path[256], version[128];
	const char *accel, *predicted;
	int group, out[2], err[2], status, rc, kvm;
	time_t start;
	char *slash;
	pid_t pid;

	if (argc != 2 || snprintf(arg, sizeof(arg), "%s", argv[1]) >= (int)sizeof(arg)) {
		fprintf(stderr, "usage: vmm MACHINE/SETUP[/override]\n");
		return 1;
	}
	machine = arg;
	slash = strchr(arg, '/');
	if (!slash)
		return 1;
	*slash = '\0';
	setup = slash + 1;
	slash = strchr(slash + 1, '/');
	if (slash) {
		*slash = '\0';
		if (strcmp(slash + 1, "override")) {
			story("MACHINE/SETUP[/override], not .../%s", slash + 1);
			return 1;
		}
		override = 1;
	}
	mode = setup;
	if (strcmp(setup, "type1") && strcmp(setup, "iommufd")) {
		story("setup: type1 or iommufd");
		return 1;
	}
	if (find_edus(bdf, MAX_EDU) < 1) {
		story("no edu device");
		return 1;
	}

	if (override) {
		snprintf(path, sizeof(path),
			 "/sys/bus/pci/devices/%s/iommu_group/msi_unsafe_allowed",
			 bdf[0]);
		if (write_file(path, "1")) {
			story("override: %s", last_error);
			return 1;
		}
		story("override: %s set to 1", path);
		snprintf(override_path, sizeof(override_path), "%s", path);
		atexit(clear_override_at_exit);
	}

	/* What the user's tool says, before QEMU tries. */
	rc = first_line((char *[]){ TOOL, bdf[0], NULL }, line, sizeof(line));
	story("msi-doorbell %s: %s (rc %d)", bdf[0], line, rc);
	/*
	 * Its exit status: 0 can, 1 only with an override (the group's
	 * verdict, in its line, says whether that override is set), 2
	 * cannot, 3 an error: a prediction it could not make fails the case.
	 */
	switch (rc) {
	case 0:
		predicted = "runs";
		break;
	case 1:
		predicted = strstr(line, ": allowed-unsafe)") ? "runs" :
								"refused";
		break;
	case 2:
		predicted = "refused";
		break;
	default:
		story("msi-doorbell could not predict (rc %d)", rc);
		return 1;
	}
	story("msi-doorbell predicts: %s", predicted);

	if (bind_vfio(bdf[0], &group)) {
		story("binding %s to vfio-pci: %s", bdf[0], last_error);
		return 1;
	}
	first_line((char *[]){ QEMU, "--version", NULL }, version,
		   sizeof(version));
	kvm = !access("/dev/kvm", R_OK | W_OK);
	accel = kvm ? "kvm" : "tcg";
	story("%s, %s in iommu group %d", version, bdf[0], group);
	story("accel %s", accel);

	if (!strcmp(setup, "iommufd"))
		snprintf(dev, sizeof(dev), "vfio-pci,host=%s,iommufd=iommufd0",
			 bdf[0]);
	else
		snprintf(dev, sizeof(dev), "vfio-pci,host=%s", bdf[0]);
	if (pipe(out) || pipe(err)) {
		story("pipe: %s", strerror(errno));
		return 1;
	}
	fflush(stdout);
	start = time(NULL);
	pid = fork();
	if (pid == 0) {
		char *qargv[40];
		int n = 0, null = open("/dev/null", O_RDONLY);

		dup2(null, 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		close(out[0]);
		close(err[0]);
		qargv[n++] = QEMU;
		qargv[n++] = "-machine";
		/* The host's GIC: GICv3 with KVM's ITS, or GICv2. */
		qargv[n++] = kvm ? "virt,accel=kvm,gic-version=host" :
				   "virt,accel=tcg,gic-version=3";
		qargv[n++] = "-cpu";
		qargv[n++] = kvm ? "host" : "max";
		qargv[n++] = "-smp";
		qargv[n++] = "1";
		qargv[n++] = "-m";
		qargv[n++] = "384";
		qargv[n++] = "-nodefaults";
		qargv[n++] = "-display";
		qargv[n++] = "none";
		qargv[n++] = "-serial";
		qargv[n++] = "stdio";
		qargv[n++] = "-no-reboot";
		qargv[n++] = "-kernel";
		qargv[n++] = "/vmm/Image";
		qargv[n++] = "-initrd";
		qargv[n++] = "/vmm/guest.cpio";
		qargv[n++] = "-append";
		qargv[n++] = "console=ttyAMA0 panic=-1 printk.time=0 quiet "
			     "kunit.enable=0 vfio.enable_unsafe_noiommu_mode=1 "
			     "msi_doorbell.run=vmm-guest";
		if (!strcmp(setup, "iommufd")) {
			qargv[n++] = "-object";
			qargv[n++] = "iommufd,id=iommufd0";
		}
		qargv[n++] = "-device";
		qargv[n++] = dev;
		qargv[n] = NULL;
		execv(QEMU, qargv);
		fprintf(stderr, "%s: %s\n", QEMU, strerror(errno));
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	if (pid < 0) {
		story("fork: %s", strerror(errno));
		return 1;
	}
	if (follow(pid, out[0], err[0]))
		story("qemu killed after %d s", DEADLINE_S);
	waitpid(pid, &status, 0);
	story("qemu exited %d after %ld s", WIFEXITED(status) ?
	      WEXITSTATUS(status) : 128 + WTERMSIG(status),
	      (long)(time(NULL) - start));

	/* Leave the machine as it was, for the cases after this one. */
	if (clear_override())
		return 1;

	if (received >= 0) {
		story("nested guest received %d MSIs from edu", received);
		rc = strcmp(predicted, "runs") ? 1 : 0;
	} else if (WIFEXITED(status) && WEXITSTATUS(status) && refusal[0]) {
		story("qemu refused: %s", refusal);
		rc = strcmp(predicted, "refused") ? 1 : 0;
	} else {
		story("no result: neither the nested guest's count nor QEMU's refusal");
		return 1;
	}
	story("%s msi-doorbell predicted", rc ? "not as" : "as");
	return rc;
}
