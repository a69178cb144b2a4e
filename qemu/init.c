// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the arm64 test machines: mount what the tests read, load the
 * modules of /lib/modules (the KUnit suites and the test device's MSI
 * count), print the registered MSI doorbells, run the programs named on
 * the kernel command line (msi_doorbell.run=PROG[:ARG][,...], from /bin),
 * power off.
 *
 * The console is the record: the runner reads the KUnit KTAP the kernel
 * printed at boot and as each module loaded, and the lines between
 * "msi-doorbell: begin NAME" and "msi-doorbell: end NAME rc=N" that we
 * print.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
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

/* The kernel command line, read once ("" if it cannot be read). */
static const char *cmdline(void)
{
	static char line[4096];
	static int read;
	FILE *f;

	if (!read) {
		read = 1;
		f = fopen("/proc/cmdline", "r");
		if (!f || !fgets(line, sizeof(line), f))
			line[0] = '\0';
		if (f)
			fclose(f);
	}
	return line;
}

/* The value of msi_doorbell.run= on the command line, or NULL. */
static char *cmdline_run(void)
{
	static char run[4096];
	const char *p = strstr(cmdline(), "msi_doorbell.run=");

	if (!p)
		return NULL;
	p += strlen("msi_doorbell.run=");
	snprintf(run, sizeof(run), "%.*s", (int)strcspn(p, " \n"), p);
	return run;
}

/*
 * Whether KUnit runs suites: not with kunit.enable=0 on the command line
 * (the parameter has no sysfs file to read back).
 */
static int kunit_enabled(void)
{
	return !strstr(cmdline(), "kunit.enable=0");
}

/*
 * The parameters the kernel command line gives module FILE (its name
 * without ".ko", '-' read as '_'): "FILE.param=value" becomes
 * "param=value", as modprobe does; the kernel does not pass them itself.
 */
static void module_params(const char *file, char *params, size_t size)
{
	char line[4096], mod[256], *tok, *save, *dot;
	size_t n = 0, len;

	params[0] = '\0';
	snprintf(mod, sizeof(mod), "%s", file);
	mod[strcspn(mod, ".")] = '\0';
	for (tok = mod; *tok; tok++)
		if (*tok == '-')
			*tok = '_';
	snprintf(line, sizeof(line), "%s", cmdline());
	len = strlen(mod);
	for (tok = strtok_r(line, " \n", &save); tok;
	     tok = strtok_r(NULL, " \n", &save)) {
		dot = tok + len;
		if (strncmp(tok, mod, len) || *dot != '.' ||
		    n + strlen(dot) + 1 >= size)
			continue;
		n += snprintf(params + n, size - n, "%s%s", n ? " " : "",
			      dot + 1);
	}
}

/*
 * Load the modules /lib/modules/order names, in that order (the build's
 * modules.order).  A module's KUnit suites run as it loads, before
 * finit_module() returns.  With KUnit off (kunit.enable=0) the suites'
 * modules, named *kunit*, are left out: they would only print an empty
 * KTAP header each.  A kernel without modules (make stress's and make
 * bench's build the suites in) says ENOSYS: nothing to load.
 */
static void load_modules(void)
{
	char name[256], path[300], params[1024];
	FILE *f = fopen("/lib/modules/order", "r");
	int kunit = kunit_enabled();
	int fd, rc;

	if (!f)
		return;
	while (fgets(name, sizeof(name), f)) {
		name[strcspn(name, "\n")] = '\0';
		if (!kunit && strstr(name, "kunit"))
			continue;
		snprintf(path, sizeof(path), "/lib/modules/%s", name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			printf("msi-doorbell: module %s: %s\n", name,
			       strerror(errno));
			continue;
		}
		module_params(name, params, sizeof(params));
		rc = syscall(SYS_finit_module, fd, params, 0) ? errno : 0;
		close(fd);
		if (rc == ENOSYS)
			break;
		if (rc)
			printf("msi-doorbell: module %s: %s\n", name,
			       strerror(rc));
		else
			printf("msi-doorbell: module %s loaded\n", name);
	}
	fclose(f);
}

/*
 * Print each KUnit suite's results (its KTAP) from debugfs, a line
 * "ktap: LINE" each: the suites built in ran before us, the modules' as
 * they loaded.  The kernel's own KTAP on the console may come late, past
 * our next lines; these are in order with them.
 */
static void print_kunit_results(void)
{
	char path[PATH_MAX], line[4096];
	struct dirent **names;
	int i, n;
	FILE *f;

	n = scandir("/sys/kernel/debug/kunit", &names, NULL, alphasort);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/sys/kernel/debug/kunit/%s/results",
			 names[i]->d_name);
		f = names[i]->d_name[0] != '.' ? fopen(path, "r") : NULL;
		while (f && fgets(line, sizeof(line), f))
			printf("ktap: %s%s", line,
			       strchr(line, '\n') ? "" : "\n");
		if (f)
			fclose(f);
		free(names[i]);
	}
	if (n >= 0)
		free(names);
}

/* The state letter of /proc/PID/stat, or 0. */
static char task_state(int pid)
{
	char path[64], buf[256], *p;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	p = fgets(buf, sizeof(buf), f) ? strrchr(buf, ')') : NULL;
	fclose(f);
	return p && p[1] == ' ' ? p[2] : 0;
}

/*
 * The kernel prints to the console from a thread of its own (pr/ttyAMA0,
 * an nbcon console): a line the kernel logged while a program ran can
 * reach the console after the program's own lines, and after our "end"
 * line, where the runner would not count it as the program's.  Wait, at
 * most 2 s, until that thread has slept at two looks 20 ms apart: it
 * sleeps only once it has printed everything.
 */
static void console_settle(void)
{
	static int printer;
	char path[300], comm[64];
	struct dirent *e;
	int i, idle = 0;
	DIR *d;
	FILE *f;

	if (!printer && (d = opendir("/proc"))) {
		while ((e = readdir(d)) && !printer) {
			if (e->d_name[0] < '1' || e->d_name[0] > '9')
				continue;
			snprintf(path, sizeof(path), "/proc/%s/comm", e->d_name);
			f = fopen(path, "r");
			if (f && fgets(comm, sizeof(comm), f) &&
			    !strncmp(comm, "pr/", 3))
				printer = atoi(e->d_name);
			if (f)
				fclose(f);
		}
		closedir(d);
	}
	for (i = 0; printer && i < 100 && idle < 2; i++) {
		usleep(20000);
		idle = task_state(printer) == 'S' ? idle + 1 : 0;
	}
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

	load_modules();
	print_kunit_results();
	printf("msi-doorbell: begin doorbells\n");
	rc = cat("/sys/kernel/debug/irq/msi_doorbells");
	printf("msi-doorbell: end doorbells rc=%d\n", rc);

	progs = cmdline_run();
	for (prog = progs ? strtok_r(progs, ",", &save) : NULL; prog;
	     prog = strtok_r(NULL, ",", &save)) {
		printf("msi-doorbell: begin %s\n", prog);
		rc = run(prog);
		console_settle();
		printf("msi-doorbell: end %s rc=%d\n", prog, rc);
	}

	printf("msi-doorbell: power off\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
