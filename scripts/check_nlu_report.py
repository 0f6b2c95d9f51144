"""Fails when NLU accuracy on a held-out file is below the floor.

Reads the reports `rasa test nlu` wrote and prints the figures.
Usage: python scripts/check_nlu_report.py results/nlu/test_nlu
"""

import json
import sys
from pathlib import Path

# Floors for each held-out file in tests/nlu/ (issue 12: 0.96 each; the
# figures measured are in docs/nlu.md).
FLOORS = {"intent_report.json": 0.96, "response_selection_report.json": 0.96}


def main(folder: str) -> int:
    """Prints each report's accuracy; returns 1 if any is below its floor."""
    failed = False
    for name, floor in FLOORS.items():
        path = Path(folder) / name
        if not path.exists():
            print(f"FAIL {name}: missing (did rasa test nlu run?)")
            failed = True
            continue
        report = json.loads(path.read_text())
        accuracy = report["accuracy"]
        ok = accuracy >= floor
        failed |= not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: accuracy {accuracy:.3f} (floor {floor:.2f}), "
              f"weighted F1 {report['weighted avg']['f1-score']:.3f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
