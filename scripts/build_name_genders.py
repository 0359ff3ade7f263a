"""Rebuild ``models/names/first_names.tsv.gz``: the gender that a given name points to.

Speaker resolution sends "she said" to the last woman named before it. Articles say outright who is a
woman only now and then ("Mrs. Clinton", "spokeswoman Jen Psaki"), so without a prior on given names
"she" went to Donald Trump and "he" to Hillary Clinton. This script distils such a prior from the
given-name lists of Faker's person providers (MIT licence; the English lists come from US census and
Social Security records), so that nothing is fetched at run time and Faker is no dependency of the
product: install it only to rebuild (``pip install faker``).

Only names every list agrees on are kept: a name that is a man's in one list and a woman's in another
("Jean", "Andrea") says nothing, and neither does one that a list gives both ("Lindsey" Graham). Cyrillic lists are transliterated, because news in English
writes "Sergei" and "Vladimir"; lists in other scripts are left out.

    python scripts/build_name_genders.py            # writes the shipped file
    python scripts/build_name_genders.py --out X    # writes elsewhere
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import pkgutil
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "counterclaim" / "models" / "names" / "first_names.tsv.gz"

# BGN/PCGN-style romanisation, as English-language news spells Russian and Ukrainian names
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}
_LATIN = re.compile(r"[a-z][a-z'\-]*")


def fold(name: str) -> str:
    """The lookup key of a name: lower case, accents dropped ("José" and "Jose" are one name)."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def romanised(name: str) -> list[str]:
    """Latin spellings of a name: itself when it is Latin, else its romanisations ("Сергей" gives
    "sergey" and "sergei"); none for other scripts."""
    low = name.strip().lower()
    if any(ch in _CYRILLIC for ch in low):
        latin = "".join(_CYRILLIC.get(ch, ch) for ch in low)
        out = [latin]
        if latin.endswith("ey"):
            out.append(latin[:-2] + "ei")
        if latin.endswith("iy"):
            out.append(latin[:-2] + "y")
        return [fold(n) for n in out if _LATIN.fullmatch(fold(n))]
    key = fold(low)
    return [key] if _LATIN.fullmatch(key) else []


def collect() -> dict[str, set[str]]:
    """Every given name in Faker's person providers with the genders the lists give it. The big
    English list holds every name the Social Security records give either sex, so a name it has
    among both ("Hillary", "Lindsey", "Jordan") is left out too."""
    import faker.providers.person as person

    seen: dict[str, set[str]] = defaultdict(set)
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"), "Provider", None)
        votes: dict[str, set[str]] = defaultdict(set)
        for attr, gender in (("first_names_female", "f"), ("first_names_male", "m")):
            for name in getattr(provider, attr, None) or ():
                for key in romanised(str(name)):
                    if len(key) > 1:
                        votes[key].add(gender)
        for key, genders in votes.items():
            seen[key] |= genders
    return seen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    seen = collect()
    kept = {name: next(iter(genders)) for name, genders in sorted(seen.items()) if len(genders) == 1}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"{name}\t{gender}\n" for name, gender in kept.items())
    # a fixed mtime keeps the file byte-identical between rebuilds
    with gzip.GzipFile(args.out, "wb", mtime=0) as f:
        f.write(body.encode("utf-8"))
    women = sum(1 for g in kept.values() if g == "f")
    print(f"{len(kept)} names ({women} women's, {len(kept) - women} men's); "
          f"{len(seen) - len(kept)} left out as both; wrote {args.out}")


if __name__ == "__main__":
    main()
