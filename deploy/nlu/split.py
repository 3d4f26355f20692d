#!/usr/bin/env python3
"""Splits the shared Bitext training file into the part the shipped model learns from and the
part it is measured on (docs/bot.md, "How the shipped model is built"). Stratified per intent, in
a fixed order (each row's place is the SHA-256 of its text), so the split is the same on every
machine and a row never moves between the two parts when others are added.

    deploy/nlu/split.py ../shared/datasets/bitext-customer-support/train.csv

writes activities/src/main/resources/bot/data/bitext/train.csv (85%) and
deploy/nlu/bitext-heldout.csv (15%), both with the original columns and header.
"""
import csv
import hashlib
import pathlib
import sys
from collections import defaultdict

HELD_OUT = 0.15
root = pathlib.Path(__file__).resolve().parents[2]
source = pathlib.Path(sys.argv[1])
with source.open(newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = list(reader)
intent = header.index("intent")
by_intent = defaultdict(list)
for row in rows:
    by_intent[row[intent]].append(row)
train, held = [], []
for name in sorted(by_intent):
    same = sorted(by_intent[name], key=lambda r: hashlib.sha256(r[0].encode()).hexdigest())
    n = round(len(same) * HELD_OUT)
    held += same[:n]
    train += same[n:]
for path, part in ((root / "activities/src/main/resources/bot/data/bitext/train.csv", train),
                   (root / "deploy/nlu/bitext-heldout.csv", held)):
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(part)
    print(f"{path.relative_to(root)}: {len(part)} rows")
