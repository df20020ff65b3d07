"""Summarises a CSV file: row count and the sum of every numeric column, written as JSON."""
import argparse
import csv
import json
import os


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def summarise(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        columns = reader.fieldnames or []
        sums = {name: 0.0 for name in columns}
        rows = 0
        for row in reader:
            rows += 1
            for name in list(sums):
                value = number(row.get(name) or "")
                if value is None:
                    del sums[name]  # a column with any non-numeric cell is not summed
                else:
                    sums[name] += value
    return {"source": os.path.basename(path), "rows": rows, "columns": columns, "sums": sums}


def report_metric(name, value):
    metrics = os.environ.get("SLUICE_METRICS_FILE")
    if metrics:
        with open(metrics, "a", encoding="utf-8") as f:
            f.write(json.dumps({"name": name, "value": value}) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--result", required=True)
    args = parser.parse_args()
    summary = summarise(args.data)
    os.makedirs(os.path.dirname(os.path.abspath(args.result)), exist_ok=True)
    with open(args.result, "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2, sort_keys=True)
    report_metric("rows", summary["rows"])
    print(f"scored {summary['rows']} rows of {summary['source']}")


if __name__ == "__main__":
    main()
