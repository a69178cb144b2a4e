// SPDX-License-Identifier: GPL-2.0
/*
 * uuid_parse() as libuuid defines it: "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
 * in hex, to 16 bytes in that order; 0, or -1 if @in is not one.
 */
#include <ctype.h>
#include <string.h>

#include <uuid/uuid.h>

static int hex(char c)
{
	return isdigit((unsigned char)c) ? c - '0' : tolower((unsigned char)c) - 'a' + 10;
}

int uuid_parse(const char *in, uuid_t uu)
{
	int i, j = 0;

	if (strlen(in) != 36)
		return -1;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (in[i] != '-')
				return -1;
			continue;
		}
		if (!isxdigit((unsigned char)in[i]) ||
		    !isxdigit((unsigned char)in[i + 1]))
			return -1;
		uu[j++] = hex(in[i]) << 4 | hex(in[i + 1]);
		i++;
	}
	return 0;
}
