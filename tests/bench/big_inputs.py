#!/usr/bin/env python3
"""Writes the big adversarial inputs of tests/bench/adversarial.sh.

usage: big_inputs.py CORPUS_DIR OUT_DIR

CORPUS_DIR is the output of gen_corpus.py. Writes into OUT_DIR:
  big-50mb.cable   the corpus's files in path order, concatenated to 50 MB
  big-100mb.cable  the same to 100 MB
  line-prose.cable one 10 MB line of words with brackets and dates in it
  line-brackets.cable one 10 MB line of `[x] [` and `]` runs
Deterministic: the same corpus gives the same bytes. Existing files are kept.
"""

import os
import sys


def concatenated(corpus, path, size):
    if os.path.exists(path):
        return
    paths = sorted(
        os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs if f.endswith(".cable")
    )
    written = 0
    with open(path, "wb") as out:
        while written < size:
            for p in paths:
                with open(p, "rb") as f:
                    data = f.read().replace(b"\xef\xbb\xbf", b"")
                out.write(data)
                written += len(data)
                if written >= size:
                    break


def one_line(path, unit, size):
    if os.path.exists(path):
        return
    with open(path, "wb") as out:
        out.write(b"TO: Ministry of Foreign Affairs\nFROM: Embassy\n\n")
        out.write(unit * (size // len(unit)))
        out.write(b"\n")


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    concatenated(corpus, os.path.join(out, "big-50mb.cable"), 50_000_000)
    concatenated(corpus, os.path.join(out, "big-100mb.cable"), 100_000_000)
    prose = "the ambassador [Zhou Enlai] said on 3 June 1962 that … the question [illegible] remains 𠀋 中国 ".encode()
    one_line(os.path.join(out, "line-prose.cable"), prose, 10_000_000)
    one_line(os.path.join(out, "line-brackets.cable"), b"[x] [ ] ]] [[ ", 10_000_000)


if __name__ == "__main__":
    main()
