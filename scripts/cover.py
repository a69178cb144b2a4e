#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# A series' cover letter: its subject and text (the "blurb": everything
# between the mail headers and git's shortlog, "Patches (N):") are ours,
# kept in patches/N-name/0000-cover-letter.patch; the shortlog and the
# diffstat are git's.  Used by refresh.sh and mail.sh.
#
#   cover.py merge NEW OLD [AUTHOR]  fill NEW, as git format-patch
#       --cover-letter wrote it, with OLD's subject and text; AUTHOR, the
#       tree's author, is replaced in the shortlog's header by "Patches"
#   cover.py prefix OLD  print the subject prefix OLD asks for: PATCH or
#       RFC PATCH
import re
import sys


def subject(text):
    return re.search(r"^Subject: (.*(?:\n [^\n]*)*)", text, re.M).group(1)


def merge(new_path, old_path, author=None):
    new = open(new_path).read()
    if author:
        new = re.sub(r"^" + re.escape(author) + r" \((\d+)\):$",
                     r"Patches (\1):", new, flags=re.M)
    try:
        old = open(old_path).read()
    except FileNotFoundError:
        old = None
    if old:
        subj = subject(old)
        blurb = old.split("\n\n", 1)[1]
        blurb = blurb[:blurb.index("\nPatches (")].rstrip("\n") + "\n"
        new = new.replace("*** SUBJECT HERE ***",
                          re.sub(r"^\[[^]]*PATCH[^]]*\] ", "", subj))
        new = new.replace("*** BLURB HERE ***\n", blurb)
        if prefix(old) == "RFC PATCH":
            new = new.replace("Subject: [PATCH 0/", "Subject: [RFC PATCH 0/")
            new = new.replace("Subject: [PATCH] ", "Subject: [RFC PATCH] ")
    open(new_path, "w").write(new)


def prefix(old):
    return "RFC PATCH" if subject(old).startswith("[RFC PATCH") else "PATCH"


if sys.argv[1] == "merge":
    merge(*sys.argv[2:])
elif sys.argv[1] == "prefix":
    print(prefix(open(sys.argv[2]).read()))
else:
    sys.exit("cover.py merge NEW OLD [AUTHOR] | cover.py prefix OLD")
