#!/usr/bin/env python3
"""Writes a corpus of cable-like .cable files for the throughput benchmark.

Deterministic: the same seed and count give the same bytes. The files imitate
the real documents in shared/corpus: archive chrome, a Chinese form header
over its English rendering (PRC cables), Russian and Polish telegram headers,
FRUS datelines, editorial brackets of every kind (a few empty ones, so rules
report something), dates, and bodies of about 3 KB. Some files use CRLF, some
start with a BOM.

usage: gen_corpus.py OUT_DIR [--files N] [--seed S]
"""

import argparse
import os
import random

WORDS = (
    "the of and to in that Soviet Chinese government embassy ambassador minister "
    "foreign affairs border memorandum statement comrade delegation party committee "
    "question position agreement conversation telegram report meeting side view "
    "regard situation relations economic military said asked replied informed "
    "proposal response discussion matter Vietnam Cuba Moscow Beijing Warsaw Hanoi "
    "Havana Washington treaty question representative request support cooperation"
).split()
NAMES = [
    ("Ji", "Pengfei"), ("Chervonenko", "Stepan V."), ("Zhou", "Enlai"),
    ("Gromyko", "Andrei"), ("Mikoyan", "Anastas"), ("Dobrynin", "Anatoly"),
    ("Maneli", "Mieczysław"), ("Pham", "Van Dong"), ("Rusk", "Dean"),
]
PLACES = [("Wulumuqi", "Urumqi"), ("Beiping", "Beijing"), ("Xinjiang", "Xinjiang Uyghur Autonomous Region")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
CJK_PLACES = ["乌鲁木齐", "北京", "莫斯科", "河内", "哈瓦那", "华沙"]
LEVELS = [("平", "Normal"), ("急", "Urgent"), ("特急", "Extra Urgent")]
ASTRAL = ["𠀋", "𠂉", "𡈽"]


def date(rng, year):
    return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {year}"


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    roll = rng.random()
    if roll < 0.25:
        surname, given = rng.choice(NAMES)
        words.insert(rng.randrange(len(words)), f"{surname} [{given}]")
    elif roll < 0.40:
        place, gloss = rng.choice(PLACES)
        words.insert(rng.randrange(len(words)), f"{place} [{gloss}]")
    elif roll < 0.50:
        words.insert(rng.randrange(len(words)), rng.choice(["[...]", "[…]", "[illegible]", "[sic]", "[?]"]))
    elif roll < 0.55:
        words.insert(rng.randrange(len(words)), f"on the {rng.randint(1, 28)}th [of {rng.choice(MONTHS)}]")
    elif roll < 0.57:
        words.insert(rng.randrange(len(words)), "[]")
    elif roll < 0.60:
        words.insert(rng.randrange(len(words)), f"[Translator's note: {rng.choice(WORDS)} [{rng.choice(WORDS)}]]")
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def body(rng, target):
    paragraphs = []
    size = 0
    while size < target:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))
        paragraphs.append(paragraph)
        size += len(paragraph.encode()) + 2
    return paragraphs


def prc_cable(rng, year):
    place, gloss = rng.choice(PLACES)
    original, level = rng.choice(LEVELS)
    number = rng.randint(100, 999)
    return [
        "Skip to content", "", date(rng, year), "",
        f"Cable from Foreign Ministry to {place}", "",
        "This document was made possible with support from MacArthur Foundation", "",
        f"发往:{rng.choice(CJK_PLACES)}   批发:(   {rng.randint(100, 999)}",
        f"等级:{original}    复来报号    外发e{number}  {rng.choice(ASTRAL)}", "",
        "Cable sent by the Ministry of Foreign Affairs of the People’s Republic of China", "",
        f"Receiver: {place} [{gloss}]", "", "Approved by:", "",
        f"{rng.randint(1, 28)} {rng.choice(MONTHS)} [{year}]", "",
        f"Level: {level}", "", f"Foreign Ministry Dispatch No. {number}", "",
        "Copy to:", "", f"Subject: {sentence(rng)}", "",
    ]


def soviet_telegram(rng, year):
    surname, given = rng.choice(NAMES)
    return [
        date(rng, year), "", f"Ciphered Telegram from {surname} to Moscow", "",
        "CIPHERED TELEGRAM No. " + str(rng.randint(1000, 99999)), "",
        f"Copy No. {rng.randint(1, 9)}", "",
        f"From {rng.choice(['Beijing', 'Pyongyang', 'Havana'])}. Sent {rng.randint(1, 28)}.{rng.randint(1, 12):02d}.{year % 100} at {rng.randint(0, 23)}:{rng.randint(0, 59):02d}", "",
        f"To: Comrade {surname} [{given}]", "",
    ]


def polish_ciphergram(rng, year):
    return [
        date(rng, year), "", f"Ciphergram No. {rng.randint(1000, 9999)}", "",
        f"From…Hanoi…..dispatched on {rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}. at 12:00 hours……..received on {rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}. at 12:21hours…", "",
        "Came in to the Decoding Department…03.12.63. at 14:30 hours…………", "",
        "(FYI: Trojanowski, Thee)", "", "Eyes Only", "",
    ]


def frus_telegram(rng, year):
    return [
        f"File No. {rng.randint(100, 999)}.{rng.randint(1000, 99999)}/{rng.randint(1, 99)}", "",
        "The Secretary of State to the Ambassador in the Soviet Union", "", "[Telegram]", "",
        f"Washington, {rng.choice(MONTHS)} {rng.randint(1, 28)}, {year}, {rng.randint(1, 12)} p.m.", "",
        f"[Received {rng.choice(MONTHS)} {rng.randint(1, 28)}—{rng.randint(1, 12)}:{rng.randint(0, 59):02d} a.m.]", "",
    ]


def generic(rng, year):
    return [f"Memorandum of Conversation, {date(rng, year)}", ""]


KINDS = [prc_cable, soviet_telegram, polish_ciphergram, frus_telegram, generic]


def cable(rng):
    year = rng.randint(1918, 1975)
    kind = rng.choice(KINDS)
    lines = kind(rng, year)
    if rng.random() < 0.03:
        lines.insert(0, "% cablelint: disable-next-line B004")
    for paragraph in body(rng, rng.randint(2200, 2800)):
        lines += [paragraph, ""]
    lines += [rng.choice(["Ministry of Foreign Affairs", "Lansing", "Maneli", "Roshchin"]), "", date(rng, year), ""]
    ending = "\r\n" if rng.random() < 0.2 else "\n"
    text = ending.join(lines)
    data = text.encode("utf-8")
    if rng.random() < 0.05:
        data = b"\xef\xbb\xbf" + data
    return data


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--files", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=19620628)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    total = 0
    for i in range(args.files):
        folder = os.path.join(args.out, f"box-{i // 500:03d}")
        os.makedirs(folder, exist_ok=True)
        data = cable(rng)
        with open(os.path.join(folder, f"cable-{i:05d}.cable"), "wb") as f:
            f.write(data)
        total += len(data)
    print(f"{args.files} files, {total} bytes ({total / 1e6:.1f} MB) in {args.out}")


if __name__ == "__main__":
    main()
