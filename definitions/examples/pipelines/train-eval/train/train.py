"""Fits y = w*x + b by ridge regression (closed form, the intercept unpenalised); writes model.json."""
import argparse
import csv
import json
import os


def load(path):
    with open(path, newline="") as f:
        return [(float(r["x"]), float(r["y"])) for r in csv.DictReader(f)]


def fit(points, alpha):
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxy = sum((x - mx) * (y - my) for x, y in points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    w = sxy / (sxx + alpha)
    return {"w": w, "b": my - w * mx}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--alpha", type=float, required=True)
    parser.add_argument("--model", required=True)
    args = parser.parse_args()
    points = load(os.path.join(args.data, "train.csv"))
    model = fit(points, args.alpha)
    mse = sum((model["w"] * x + model["b"] - y) ** 2 for x, y in points) / len(points)
    os.makedirs(args.model, exist_ok=True)
    with open(os.path.join(args.model, "model.json"), "w") as f:
        json.dump({**model, "alpha": args.alpha}, f)
    metrics = os.environ.get("SLUICE_METRICS_FILE")
    if metrics:
        with open(metrics, "a") as f:
            f.write(json.dumps({"name": "train_mse", "value": mse}) + "\n")
    print(f"w={model['w']:.4f} b={model['b']:.4f} train_mse={mse:.5f}")


if __name__ == "__main__":
    main()
