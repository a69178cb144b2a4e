// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-live MODE: the registry changed under a live VFIO user.  MODE as
 * for vfio-msi (type1, compat or cdev).
 *
 * A child takes both edu devices in MODE, enables their MSIs, makes each
 * raise its MSI LIVE_BURST times (each one waited for, so that none can
 * hide in another's eventfd count), releases everything, and again, until
 * told to stop.  Meanwhile the parent runs the KUnit suite
 * msi_doorbell_live through debugfs: writer and reader kthreads on the
 * registry, a doorbell registered and unregistered on edu's own MSI
 * domain, next to edu's doorbell (now and then unsafe: the attaches that
 * fall in those moments are refused, which is the gate doing its job, and
 * so are the MSIs enabled in them), and
 * the registry's allocations failed one by one.  The suite's KTAP comes
 * out as "ktap: " lines for the runner to parse.
 *
 * Every MSI edu raised must arrive: edu's doorbell stays registered all
 * along.  At the end kmemleak must find nothing new.
 *
 * Exit status: 0 if the child made rounds, lost no MSI and met no error
 * but refusals, and nothing leaked; 1 otherwise.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/edu.h"
#include "lib/faults.h"
#include "lib/vfio.h"

const char *prog = "vfio-live";

#define SUITE		"/sys/kernel/debug/kunit/msi_doorbell_live"
#define LIVE_BURST	8
#define LIVE_WAIT_MS	2000

struct live_counts {
	unsigned long	rounds, taken, refused, msi_refused, errors, raised,
			arrived;
	char		first_error[256];	/* what failed first, and how */
};

/* Count an error; keep the first one's step and errno. */
static void live_error(struct live_counts *c, const char *step)
{
	if (!c->errors++)
		snprintf(c->first_error, sizeof(c->first_error),
			 "round %lu: %s: %s", c->rounds, step, last_error);
}

static int stop_requested(int stop)
{
	struct pollfd pfd = { .fd = stop, .events = POLLIN };

	return poll(&pfd, 1, 0) != 0;
}

/* One round: take, enable, raise and count, release. */
static void live_round(char bdf[][EDU_BDF_LEN], int n, struct live_counts *c)
{
	int devices[MAX_EDU], h, i, j, opened = 0;
	struct edu e[MAX_EDU];

	c->rounds++;
	h = take(bdf, n, devices);
	if (h == -2) {
		c->refused++;
		return;
	}
	if (h < 0) {
		live_error(c, "taking the devices");
		return;
	}
	c->taken++;
	for (i = 0; i < n; i++) {
		if (edu_open(&e[i], devices[i])) {
			/* An unsafe doorbell came after the take. */
			if (errno == EPERM && strstr(last_error, "SET_IRQS"))
				c->msi_refused++;
			else
				live_error(c, "enabling edu's MSI");
			edu_close(&e[i]);
			break;
		}
		opened++;
	}
	for (j = 0; opened == n && j < LIVE_BURST; j++)
		for (i = 0; i < n; i++) {
			c->raised++;
			c->arrived += edu_msi_round_trip(&e[i], LIVE_WAIT_MS);
		}
	for (i = 0; i < opened; i++)
		edu_close(&e[i]);
	for (i = 0; i < n; i++)
		close(devices[i]);
	close(h);
}

static int child(char bdf[][EDU_BDF_LEN], int n, int stop)
{
	struct live_counts c = { 0 };

	quiet = 1;
	while (!stop_requested(stop))
		live_round(bdf, n, &c);
	quiet = 0;
	say("vfio", "%lu rounds: %lu took the devices, %lu refused, %lu MSI enables refused, %lu other errors",
	    c.rounds, c.taken, c.refused, c.msi_refused, c.errors);
	if (c.errors)
		say("vfio", "the first other error: %s", c.first_error);
	say("msi", "%lu raised, %lu arrived, %lu lost", c.raised, c.arrived,
	    c.raised - c.arrived);
	say("msi", "%s", c.raised && c.arrived == c.raised ?
	    "none lost while the registry changed" : "lost or never raised");
	return c.taken && !c.errors && c.raised && c.arrived == c.raised ? 0 : 1;
}

int main(int argc, char **argv)
{
	char bdf[MAX_EDU][EDU_BDF_LEN];
	int n, pipefd[2], status, leaks, rc = 0;
	struct timespec t0, t1;
	pid_t pid;

	mode = argc > 1 ? argv[1] : "type1";
	n = find_edus(bdf, MAX_EDU);
	if (n < 1)
		return fail("no edu device");
	if (access(SUITE "/run", W_OK))
		return fail(SUITE "/run (CONFIG_KUNIT_DEBUGFS, CONFIG_MSI_DOORBELL_KUNIT_TEST)");
	/* The suite's fault case fails its own thread's GFP_KERNEL ones. */
	if (faults_failable(1) || faults_unscoped())
		return fail("fault injection debugfs");
	/* What was allocated before is not this program's. */
	kmemleak_report();
	if (write_file(KMEMLEAK, "clear"))
		return fail(KMEMLEAK);

	if (pipe(pipefd))
		return fail("pipe");
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return fail("fork");
	if (!pid) {
		close(pipefd[1]);
		exit(child(bdf, n, pipefd[0]));
	}
	close(pipefd[0]);
	say("suite", "running msi_doorbell_live beside %d edu device(s) in %s", n, mode);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (write_file(SUITE "/run", "1")) {
		fail(SUITE "/run");
		rc = 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	say("suite", "ran in %ld ms", (long)((t1.tv_sec - t0.tv_sec) * 1000 +
					     (t1.tv_nsec - t0.tv_nsec) / 1000000));
	close(pipefd[1]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		rc = 1;
	if (faults_failable(0))
		rc = fail("fault injection debugfs");
	if (kunit_results(SUITE))
		rc = 1;
	leaks = kmemleak_report();
	say("kmemleak", "%d new suspected leak(s)", leaks);
	return rc || leaks ? 1 : 0;
}
