"""The rating benchmark's baseline: a short pandas script doing the aggregation `inspectorate
rate` does for each key question: sufficient, insufficient and not-applicable counts, the
percentage sufficient of applicable cases and its 95% Wilson interval, and each standard's
limiting (lowest) question. Prints the questions as JSON, so the benchmark can check that both
tools agree before it compares their speed.

usage: python benchmarks/rate_pandas.py cases.csv
"""
import json
import sys

import numpy as np
import pandas as pd

Z = 1.959963984540054

# keep_default_na=False: pandas would otherwise read the answer "n/a" as a missing value.
judgements = pd.read_csv(sys.argv[1], dtype={"case_id": "string", "question": "string", "answer": "category"}, keep_default_na=False)
counts = judgements.groupby(["question", "answer"], observed=True).size().unstack(fill_value=0)
for answer in ("yes", "no", "n/a"):
    if answer not in counts:
        counts[answer] = 0
n = counts["yes"] + counts["no"]
p = counts["yes"] / n
centre = (p + Z**2 / (2 * n)) / (1 + Z**2 / n)
half = Z * np.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2)) / (1 + Z**2 / n)
table = pd.DataFrame({"sufficient": counts["yes"], "insufficient": counts["no"], "not_applicable": counts["n/a"],
                      "percent": 100 * p, "ci_low": 100 * (centre - half), "ci_high": 100 * (centre + half)})
table["standard"] = table.index.str.rsplit(".", n=1).str[0]
limiting = table.groupby("standard")["percent"].idxmin()
print(json.dumps({"questions": table.drop(columns="standard").reset_index().to_dict(orient="records"), "limiting": limiting.to_dict()}))
