#!/usr/bin/env python3
"""Derives seeds/population-by-council-sex-ageband.csv from the shared NRS reference files.

Usage: python3 seeds/scripts/derive_population.py SHARED_REFERENCE_DIR > seeds/population-by-council-sex-ageband.csv
(SHARED_REFERENCE_DIR holds the two NRS-derived files; seeds/source/ keeps a copy of the single-year one.)

Keeps the adult survey bands (16-24 ... 75+) of the shared banded file, dropping 0-15, after checking
every kept cell against an exact integer sum of the shared single-year file. Exits non-zero (and
writes nothing) on any mismatch. Only run when refreshing the seeds; LocalVoice never runs it.
"""
import csv
import sys
from collections import defaultdict

BANDS = {"16-24": (16, 24), "25-34": (25, 34), "35-44": (35, 44), "45-54": (45, 54),
         "55-64": (55, 64), "65-74": (65, 74), "75+": (75, None)}


def age_of(label):
    return 90 if label == "90+" else int(label)


def main(shared):
    single = defaultdict(int)
    with open(f"{shared}/population-by-council-sex-age.csv", newline="") as f:
        for row in csv.DictReader(f):
            age = age_of(row["age_band"])
            for band, (lo, hi) in BANDS.items():
                if age >= lo and (hi is None or age <= hi):
                    single[(row["council_area_code"], row["sex"], band)] += int(row["population"])
    kept, problems = [], []
    with open(f"{shared}/population-by-council-sex-ageband.csv", newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        for row in reader:
            if row["age_band"] not in BANDS:
                continue
            key = (row["council_area_code"], row["sex"], row["age_band"])
            if int(row["population"]) != single[key]:
                problems.append(f"{key}: banded {row['population']} != single-year sum {single[key]}")
            kept.append(row)
    if problems or len(kept) != 32 * 2 * 7:
        sys.exit("\n".join(problems) or f"expected 448 adult cells, found {len(kept)}")
    out = csv.DictWriter(sys.stdout, fieldnames=header, lineterminator="\n")
    out.writeheader()
    out.writerows(kept)
    print(f"checked {len(kept)} cells against the single-year file: all equal", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference-data")
