#!/usr/bin/env python3
"""Link PolNeAR train's tuning slice into a directory that ``score.py quotes --data`` can read.

    .venv/bin/python scripts/tuning_slice.py /tmp/tune
    python ../shared/eval/score.py quotes --data /tmp/tune

The slice is the last 10% of train's annotated articles in name order: the articles that
``train_attribution.py`` holds out to choose the threshold and the blend, so the detector never
learnt from them (the shipped tagger did, so scores there run high). A rule added after training
should not lose there either: scoring it on dev alone would fit dev. The texts stay in ``../shared``;
the directory holds only symbolic links.
"""

from __future__ import annotations

import argparse
from pathlib import Path

TRAIN = Path(__file__).resolve().parents[1].parent / "shared/eval/quotes/polnear/data/train"
TUNING_SHARE = 0.1  # as in train_attribution.py: rows[int(len(rows) * 0.9):]


def tuning_names(train: Path) -> list[str]:
    """The tuning slice's article names, in the order train_attribution.py reads them."""
    annotated = {ann.name.rsplit("_", 1)[0] for ann in (train / "attributions").glob("*.ann")}
    names = [txt.stem for txt in sorted((train / "text").glob("*.txt")) if txt.stem in annotated]
    return names[int(len(names) * (1 - TUNING_SHARE)):]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="directory to create (text/ and attributions/ inside)")
    ap.add_argument("--train", type=Path, default=TRAIN, help="PolNeAR train split")
    args = ap.parse_args()
    if not (args.train / "text").is_dir():
        raise SystemExit(f"no PolNeAR train split at {args.train}: pass --train")
    for sub in ("text", "attributions"):
        (args.out / sub).mkdir(parents=True, exist_ok=True)
    names = tuning_names(args.train)
    for name in names:
        sources = [args.train / "text" / f"{name}.txt", *sorted((args.train / "attributions").glob(f"{name}_*.ann"))]
        for src in sources:
            link = args.out / src.parent.name / src.name
            if not link.exists():
                link.symlink_to(src.resolve())
    print(f"linked {len(names)} tuning articles into {args.out}")


if __name__ == "__main__":
    main()
