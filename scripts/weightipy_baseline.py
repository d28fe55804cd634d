#!/usr/bin/env python3
"""The baseline for issue 3's raking benchmark: weightipy's RIM raking on the same data as the Rust engine.

Reads the CSV written by `examples/results_bench_data.rs` (one row per synthetic response, with the
Rust weights), rakes each council area separately with weightipy on age band and sex to that area's
adult population shares (seeds/population-by-council-sex-ageband.csv), times the raking of all areas
(best and median of --runs, after reading the CSV), and compares the weights with Rust's.

weightipy leaves respondents with a missing age band or sex out of the raking (its Rim drops rows
with a missing target variable), so it rakes only the respondents who gave both; the comparison is
against `rust_weight_complete`, the Rust engine raking exactly those respondents. Both are put on
weightipy's scale (mean weight 1 within each area) before comparing.

Prints `key=value` lines: weightipy_version, weightipy_rake_seconds (median), weightipy_rake_best_seconds,
rows_raked, max_abs_weight_difference, max_rel_weight_difference, max_margin_error.

    python3 scripts/weightipy_baseline.py CSV [--seeds seeds] [--runs 3]
"""

import argparse
import statistics
import sys
import time

import numpy as np
import pandas as pd
import weightipy as wp

AGE_BANDS = ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"]
SEXES = ["M", "F"]


def population_shares(path):
    """Per council area: ({age band: % of adults}, {sex: % of adults})."""
    pop = pd.read_csv(path, dtype={"council_area_code": str, "sex": str, "age_band": str})
    shares = {}
    for code, rows in pop.groupby("council_area_code"):
        total = float(rows["population"].sum())
        age = rows.groupby("age_band")["population"].sum()
        sex = rows.groupby("sex")["population"].sum()
        shares[code] = (
            {band: 100.0 * float(age.get(band, 0.0)) / total for band in AGE_BANDS},
            {s: 100.0 * float(sex.get(s, 0.0)) / total for s in SEXES},
        )
    return shares


def rake_all(areas, shares):
    """weightipy weights (mean 1 within each area) for every area, as {code: ndarray}."""
    out = {}
    for code, frame in areas:
        age_targets, sex_targets = shares[code]
        scheme = wp.Rim(f"area_{code}")
        scheme.set_targets(targets=[{"age_band": age_targets}, {"sex": sex_targets}])
        out[code] = wp.weight(frame, scheme).to_numpy(dtype=float)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--seeds", default="seeds")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    shares = population_shares(f"{args.seeds}/population-by-council-sex-ageband.csv")
    data = pd.read_csv(
        args.csv,
        dtype={"council_area_code": str, "age_band": str, "sex": str},
        keep_default_na=False,
        na_values={"age_band": [""], "sex": [""], "rust_weight_complete": [""]},
    )
    complete = data.dropna(subset=["age_band", "sex"])
    areas = [(code, frame[["age_band", "sex"]].reset_index(drop=True)) for code, frame in complete.groupby("council_area_code", sort=True)]
    rust = {code: frame["rust_weight_complete"].to_numpy(dtype=float) for code, frame in complete.groupby("council_area_code", sort=True)}

    times = []
    weights = None
    for _ in range(max(args.runs, 1)):
        started = time.perf_counter()
        weights = rake_all(areas, shares)
        times.append(time.perf_counter() - started)

    max_abs = 0.0
    max_rel = 0.0
    max_margin = 0.0
    for code, frame in areas:
        w = weights[code]
        r = rust[code]
        if np.isnan(r).any():
            print(f"{code}: rows without a Rust complete-case weight", file=sys.stderr)
            return 1
        r = r / r.mean()
        w = w / w.mean()
        max_abs = max(max_abs, float(np.max(np.abs(w - r))))
        max_rel = max(max_rel, float(np.max(np.abs(w - r) / r)))
        age_targets, sex_targets = shares[code]
        for column, targets in (("age_band", age_targets), ("sex", sex_targets)):
            sums = pd.Series(w).groupby(frame[column].to_numpy()).sum() / len(w) * 100.0
            for category, share in targets.items():
                if category in sums.index and share > 0:
                    max_margin = max(max_margin, abs(float(sums[category]) - share) / share)

    print(f"weightipy_version={wp.__version__}")
    print(f"pandas_version={pd.__version__}")
    print(f"numpy_version={np.__version__}")
    print(f"rows_raked={len(complete)}")
    print(f"areas={len(areas)}")
    print(f"weightipy_rake_seconds={statistics.median(times):.4f}")
    print(f"weightipy_rake_best_seconds={min(times):.4f}")
    print(f"max_abs_weight_difference={max_abs:.3e}")
    print(f"max_rel_weight_difference={max_rel:.3e}")
    print(f"weightipy_max_margin_error={max_margin:.3e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
