"""Writes train.csv and test.csv of y = 3x + 1 + noise into the output folder (deterministic per seed)."""
import argparse
import csv
import json
import os
import random


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--noise", type=float, default=0.1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    points = []
    for _ in range(args.rows):
        x = rng.uniform(-1, 1)
        points.append((x, 3 * x + 1 + rng.gauss(0, args.noise)))
    cut = int(len(points) * 0.8)
    os.makedirs(args.output, exist_ok=True)  # the step creates its output folder itself
    for name, part in (("train.csv", points[:cut]), ("test.csv", points[cut:])):
        with open(os.path.join(args.output, name), "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["x", "y"])
            writer.writerows(part)
    metrics = os.environ.get("SLUICE_METRICS_FILE")
    if metrics:
        with open(metrics, "a") as f:
            f.write(json.dumps({"name": "train_rows", "value": cut}) + "\n")
    print(f"wrote {cut} training and {len(points) - cut} test rows")


if __name__ == "__main__":
    main()
