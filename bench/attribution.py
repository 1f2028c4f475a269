"""Speaker attribution measured on PolNeAR (human-annotated news attributions).

    python -m bench/attribution.py [--split train|dev|both] [--out DIR] [--errors N]

Runs `index.attribution.attribute` over every article of a PolNeAR split folder
(`../shared/benchmarks/polnear/<split>`), writes predictions as `score.py` reads them, scores
them with `score.py` (the benchmark's own metric: nothing here re-implements it) and prints
one table row per split plus an error breakdown of the headline set (gold direct quotes with
a named source) by cause: content missed, no speaker, wrong speaker — each split by how the
gold source is written (name / pronoun / description) and where it sits (same sentence,
another sentence).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import importlib.util
import io
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
POLNEAR = ROOT.parent / "shared" / "benchmarks" / "polnear"

from index.attribution import attribute, sentence_spans  # noqa: E402


def load_scorer():
    spec = importlib.util.spec_from_file_location("polnear_score", POLNEAR / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def predict(split: Path) -> tuple[list[tuple[str, list[dict]]], float]:
    out, t0 = [], time.perf_counter()
    for f in sorted((split / "text").glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        stmts = [{"start": s.start, "end": s.end, "speaker": s.speaker,
                  "source_start": s.source_start, "source_end": s.source_end}
                 for s in attribute(text)]
        out.append((f.stem, stmts))
    return out, time.perf_counter() - t0


def score(pn, split: Path, preds) -> dict:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        attr, rec_dir, prec = pn.score(split, preds)
    tot = json.loads(buf.getvalue().splitlines()[0])
    with_spk = tot["src_dir_named"] - tot["spk_none"]
    return {"headline": attr, "speaker_precision": tot["src_dir_named_ok"] / max(1, with_spk),
            "content_direct": rec_dir, "content_precision": prec, "no_speaker": tot["spk_none"],
            "found": tot["src_dir_named"], "right": tot["src_dir_named_ok"],
            "gold": tot["g_dir_named"], "raw": buf.getvalue().strip()}


def _form(pn, stext: str) -> str:
    words = re.findall(r"\w+", stext.casefold())
    if len(words) == 1 and words[0] in pn.PRONOUN:
        return "pronoun"
    if re.match(r"(?:the|a|an)\b", stext.strip(), re.IGNORECASE):
        return "description"
    return "name"


def breakdown(pn, split: Path, preds, examples: int) -> tuple[collections.Counter, list[str]]:
    """Why each headline quote was not attributed right (mirrors score.py's matching)."""
    causes: collections.Counter = collections.Counter()
    shown: list[str] = []
    for name, stmts in preds:
        anns = sorted((split / "attributions").glob(name + "_*.ann"))
        if not anns:
            continue
        text = (split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        sents = sentence_spans(text)
        for x in pn.gold(anns[0].read_text(encoding="utf-8")):
            if not (pn.QMARK.search(x["ctext"]) and x["source"] and pn.named(x["stext"])):
                continue
            m = [p for p in stmts if pn.overlap([(p["start"], p["end"])], x["content"])]
            if not m:
                causes["content missed"] += 1
                continue
            p = m[0]
            ok = bool(pn.name_tokens(p.get("speaker") or "") & pn.name_tokens(x["stext"]))
            if p.get("source_start") is not None:
                ok = ok or pn.overlap([(p["source_start"], p["source_end"])], x["source"])
            if ok:
                continue
            c0, s0 = x["content"][0][0], x["source"][0][0]
            same = any(a <= c0 < b and a <= s0 < b for a, b in sents)
            where = "same sentence" if same else "other sentence"
            cause = "no speaker" if not p.get("speaker") else "wrong speaker"
            causes[f"{cause}: {_form(pn, x['stext'])} source, {where}"] += 1
            if len(shown) < examples:
                shown.append(f"{cause:13} {name} gold={x['stext']!r} got={p.get('speaker')!r} "
                             f"content={text[p['start']:p['end']][:70]!r}")
    return causes, shown


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("train", "dev", "both"), default="both")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    ap.add_argument("--errors", type=int, default=0, help="print N example errors per split")
    args = ap.parse_args()
    if not (POLNEAR / "score.py").exists():
        sys.exit(f"PolNeAR not found at {POLNEAR}")
    pn = load_scorer()
    args.out.mkdir(parents=True, exist_ok=True)
    splits = ("train", "dev") if args.split == "both" else (args.split,)
    rows = {}
    for name in splits:
        split = POLNEAR / name
        preds, secs = predict(split)
        path = args.out / f"polnear_{name}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for stem, stmts in preds:
                f.write(json.dumps({"file": stem, "statements": stmts}) + "\n")
        rows[name] = (score(pn, split, preds), secs, len(preds), breakdown(pn, split, preds, args.errors))
    print("| split | headline (direct, named source, found and right) | speaker precision "
          "| content found (direct) | no speaker given | articles/s |")
    print("|---|---|---|---|---|---|")
    for name, (r, secs, n, _) in rows.items():
        print(f"| {name} | **{r['headline']:.3f}** ({r['right']}/{r['gold']}) | "
              f"{r['speaker_precision']:.3f} | {r['content_direct']:.3f} | "
              f"{r['no_speaker']} of {r['found']} | {n / secs:.0f} |")
    for name, (_, _, _, (causes, shown)) in rows.items():
        print(f"\n{name}: headline misses by cause ({sum(causes.values())})")
        for cause, k in causes.most_common():
            print(f"  {k:4d}  {cause}")
        for line in shown:
            print("   ", line)


if __name__ == "__main__":
    main()
