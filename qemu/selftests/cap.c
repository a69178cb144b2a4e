// SPDX-License-Identifier: GPL-2.0
/*
 * cap_get_proc(), cap_set_flag(), cap_set_proc() and cap_free() as libcap
 * defines them, for this thread's capability sets, through the
 * _LINUX_CAPABILITY_VERSION_3 capget/capset interface.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>

#include <sys/capability.h>

struct rig_cap {
	struct __user_cap_header_struct head;
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
};

cap_t cap_get_proc(void)
{
	cap_t caps = calloc(1, sizeof(*caps));

	if (!caps)
		return NULL;
	caps->head.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(SYS_capget, &caps->head, caps->data)) {
		free(caps);
		return NULL;
	}
	return caps;
}

int cap_set_flag(cap_t caps, cap_flag_t flag, int n, const cap_value_t *list,
		 cap_flag_value_t value)
{
	int i;

	for (i = 0; i < n; i++) {
		struct __user_cap_data_struct *d;
		__u32 bit, *set;

		if (!caps || list[i] < 0 || list[i] > CAP_LAST_CAP) {
			errno = EINVAL;
			return -1;
		}
		d = &caps->data[CAP_TO_INDEX(list[i])];
		bit = CAP_TO_MASK(list[i]);
		set = flag == CAP_EFFECTIVE ? &d->effective :
		      flag == CAP_PERMITTED ? &d->permitted : &d->inheritable;
		if (value == CAP_SET)
			*set |= bit;
		else
			*set &= ~bit;
	}
	return 0;
}

int cap_set_proc(cap_t caps)
{
	if (!caps) {
		errno = EINVAL;
		return -1;
	}
	return syscall(SYS_capset, &caps->head, caps->data) ? -1 : 0;
}

int cap_free(void *p)
{
	free(p);
	return 0;
}
