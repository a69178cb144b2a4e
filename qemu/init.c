// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the arm64 test machines: mount what the tests read, print the
 * registered MSI doorbells, run the programs named on the kernel command
 * line (msi_doorbell.run=PROG[:ARG][,...], from /bin), power off.
 *
 * The console is the record: the runner reads the KUnit KTAP the kernel
 * printed before us, and the lines between "msi-doorbell: begin NAME" and
 * "msi-doorbell: end NAME rc=N" that we print.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void mnt(const char *src, const char *dir, const char *type)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, NULL) && errno != EBUSY)
		printf("msi-doorbell: mount %s on %s: %s\n", type, dir,
		       strerror(errno));
}

static int cat(const char *path)
{
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f) {
		printf("%s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, stdout);
	fclose(f);
	return 0;
}

/* Run "/bin/PROG" or, for "PROG:ARG", "/bin/PROG ARG". */
static int run(const char *prog)
{
	char path[256], *arg;
	pid_t pid;
	int status;

	snprintf(path, sizeof(path), "/bin/%s", prog);
	arg = strchr(path, ':');
	if (arg)
		*arg++ = '\0';
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl(path, path, arg, (char *)NULL);
		printf("%s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return 126;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The value of msi_doorbell.run= on /proc/cmdline, or NULL. */
static char *cmdline_run(void)
{
	static char line[4096];
	char *p, *end;
	FILE *f = fopen("/proc/cmdline", "r");

	if (!f || !fgets(line, sizeof(line), f)) {
		if (f)
			fclose(f);
		return NULL;
	}
	fclose(f);
	p = strstr(line, "msi_doorbell.run=");
	if (!p)
		return NULL;
	p += strlen("msi_doorbell.run=");
	end = p + strcspn(p, " \n");
	*end = '\0';
	return p;
}

int main(void)
{
	char *progs, *prog, *save;
	int rc;

	mnt("devtmpfs", "/dev", "devtmpfs");
	mnt("proc", "/proc", "proc");
	mnt("sysfs", "/sys", "sysfs");
	mnt("debugfs", "/sys/kernel/debug", "debugfs");
	setvbuf(stdout, NULL, _IOLBF, 0);

	printf("msi-doorbell: begin doorbells\n");
	rc = cat("/sys/kernel/debug/irq/msi_doorbells");
	printf("msi-doorbell: end doorbells rc=%d\n", rc);

	progs = cmdline_run();
	for (prog = progs ? strtok_r(progs, ",", &save) : NULL; prog;
	     prog = strtok_r(NULL, ",", &save)) {
		printf("msi-doorbell: begin %s\n", prog);
		rc = run(prog);
		printf("msi-doorbell: end %s rc=%d\n", prog, rc);
	}

	printf("msi-doorbell: power off\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
