/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What upstream's VFIO selftests library uses of libuuid: uuid_t and
 * uuid_parse(), for SR-IOV VF tokens.  Bookworm has no arm64 libuuid
 * without multiarch, so the rig builds the selftests against this and
 * uuid.c beside it, ours.
 */
#ifndef MSI_DOORBELL_UUID_H
#define MSI_DOORBELL_UUID_H

typedef unsigned char uuid_t[16];

int uuid_parse(const char *in, uuid_t uu);

#endif
