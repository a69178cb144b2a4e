/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The part of libcap's <sys/capability.h> that upstream's iommufd selftest
 * calls (to drop CAP_IPC_LOCK), for a static arm64 build on a host that has
 * no arm64 libcap: qemu/selftests/cap.c implements it on capget/capset.
 */
#ifndef MSI_DOORBELL_RIG_SYS_CAPABILITY_H
#define MSI_DOORBELL_RIG_SYS_CAPABILITY_H

#include <linux/capability.h>

typedef struct rig_cap *cap_t;
typedef int cap_value_t;
typedef enum { CAP_EFFECTIVE, CAP_PERMITTED, CAP_INHERITABLE } cap_flag_t;
typedef enum { CAP_CLEAR, CAP_SET } cap_flag_value_t;

cap_t cap_get_proc(void);
int cap_set_flag(cap_t caps, cap_flag_t flag, int n, const cap_value_t *list,
		 cap_flag_value_t value);
int cap_set_proc(cap_t caps);
int cap_free(void *p);

#endif
