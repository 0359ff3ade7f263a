#!/usr/bin/env python3
"""Link PolNeAR train's tuning slice into a directory that ``score.py quotes --data`` can read.

    .venv/bin/python scripts/tuning_slice.py /tmp/tune
    python ../shared/eval/score.py quotes --data /tmp/tune

The slice is the set of articles that ``train_attribution.py`` holds out to choose the threshold and
the blend (``split_tuning``), so the detector never learnt from them (the shipped tagger did, so
scores there run high). A rule added after training should not lose there either: scoring it on dev
alone would fit dev. The texts stay in ``../shared``; the directory holds only symbolic links, to
each article's text and to the annotation that training and the scorer read (the first annotator's).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from train_attribution import TRAIN, load_split, split_tuning  # the script's own directory is on the path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="directory to create (text/ and attributions/ inside)")
    ap.add_argument("--train", type=Path, default=TRAIN, help="PolNeAR train split")
    args = ap.parse_args()
    if not (args.train / "text").is_dir():
        raise SystemExit(f"no PolNeAR train split at {args.train}: pass --train")
    _, tune = split_tuning(load_split(args.train, read=lambda ann: ann))
    for sub in ("text", "attributions"):
        (args.out / sub).mkdir(parents=True, exist_ok=True)
    for name, _, ann in tune:
        for src in (args.train / "text" / f"{name}.txt", ann):
            link = args.out / src.parent.name / src.name
            if not link.exists():
                link.symlink_to(src.resolve())
    print(f"linked {len(tune)} tuning articles into {args.out}")


if __name__ == "__main__":
    main()
