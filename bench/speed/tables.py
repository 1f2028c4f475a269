"""The rich tables `bench/run.py` prints from its result (one function per table)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from bench.speed.latency import STAGES
from index import build_stages

# The builder's stages in the order it reports them, then the engine installing the result.
BUILD_STAGES = (*build_stages.ORDER, "swap")
PARTS = ("build", "floor", "sweep", "latency", "cold", "incremental", "peer_txtai")


def get(d: dict, *path, default="–"):
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return default
        d = d[p]
    return d


def new_table(title: str, columns: tuple[str, ...]) -> Table:
    table = Table(title=title)
    for c in columns:
        table.add_column(c, justify="right")
    return table


def build_table(corpora: list[dict]) -> Table:
    t = new_table("1. Full index build vs bare SentenceTransformer.encode of its chunks (floor)", (
        "corpus", "docs", "chunks", "sentences embedded", "build s", "docs/s", "chunks/s", "floor s",
        "floor chunks/s", "build/floor", "chunk embedding/floor", "peak RSS MB", "index MB", "threads/batch",
        "full corpus (extrapolated)"))
    for r in corpora:
        b, f = r["build"], r.get("floor", {})
        full = r.get("full_corpus")
        ext = (f"{full['documents']} docs, {full['chunks']} chunks ≈ {full.get('extrapolated_build_s', 0) / 60:.0f} min"
               if full else "")
        t.add_row(r["corpus"], str(b["documents"]), str(b["chunks"]), str(b.get("embedded_units", "–")),
                  f"{b['wall_s']:.1f}", f"{b['docs_per_s']:.1f}", f"{b['chunks_per_s']:.1f}",
                  f"{get(f, 'floor_encode_s', default=0):.1f}", f"{get(f, 'floor_chunks_per_s', default=0):.1f}",
                  f"{r.get('ratio_build_to_floor') or 0:.3f}", f"{r.get('ratio_embedding_to_floor') or 0:.3f}",
                  f"{b['peak_rss_mb']:.0f}", f"{b['index_bytes'] / 2**20:.1f}",
                  f"{b['torch_threads']}/{b['batch_size']}", ext)
    return t


def stages_table(corpora: list[dict]) -> Table:
    t = new_table("1b. Build stages, seconds (the builder's own progress reports; swap = the engine installing it)",
                  ("corpus", *BUILD_STAGES, "non-embed s", "non-embed %", "engine/bare encode (A/B sample)"))
    for r in corpora:
        b = r["build"]
        stages = b.get("stages_s")
        if not stages:
            continue
        t.add_row(r["corpus"], *(f"{stages.get(k, 0):.2f}" for k in BUILD_STAGES), f"{b['non_embed_s']:.2f}",
                  f"{100 * b['non_embed_s'] / b['wall_s']:.1f}" if b["wall_s"] else "0",
                  str(get(r, "floor", "wrapper_vs_bare", "ratio")))
    return t


def incremental_table(corpora: list[dict]) -> Table:
    t = new_table("2. Incremental reindex: change 1 + delete 1 + add 1 document", (
        "corpus", "embedded chunks", "reindex s", "full build s", "speed-up", "chunks before→after", "consistent"))
    for r in corpora:
        i = r.get("incremental")
        if not i or "wall_s" not in i:
            continue
        t.add_row(r["corpus"], str(i["embedded_chunks"]), f"{i['wall_s']:.2f}", f"{r['build']['wall_s']:.1f}",
                  f"{i.get('speedup_vs_full', 0)}×", f"{i['chunks_before']}→{i['chunks_after']}", str(i["consistent"]))
    return t


def latency_table(corpora: list[dict]) -> Table:
    t = new_table("3. Warm ask latency, ms (in-process, after start-up and typo index ready)", (
        "corpus", "chunks", "index", "questions", "p50", "p95", "p95/p50", *(f"{s} p50" for s in STAGES[:-1]),
        "retrieve p50", "abstained", "1 query embed p50: default/1 thread"))
    for r in corpora:
        lat = r.get("latency")
        if not lat or "p50_ms" not in lat:
            continue
        t.add_row(r["corpus"], str(lat["chunks"]), str(lat["index_type"]),
                  f"{lat['questions']} ({lat['unique_questions']} uniq)",
                  f"{lat['p50_ms']:.1f}", f"{lat['p95_ms']:.1f}", f"{lat['p95_over_p50']:.2f}",
                  *(f"{lat['stage_p50_ms'][s]:.2f}" for s in STAGES[:-1]), f"{lat['search_p50_ms']:.1f}",
                  str(lat["abstained"]), "/".join(str(v) for v in get(lat, "query_embed", default={}).values()))
    return t


def cold_table(corpora: list[dict]) -> Table:
    t = new_table("4. Cold start: process start → first answer (prebuilt index)", (
        "corpus", "to first answer s", "interpreter s", "imports s", "model load s", "index load s",
        "first answer s", "RSS MB", "embedded at load", "query texts embedded", "bm25 builds", "lexicon builds",
        "typo index +s"))
    for r in corpora:
        c = r.get("cold")
        if not c or "model_load_s" not in c:
            continue
        t.add_row(r["corpus"], str(c["start_to_first_answer_s"]), str(c["interpreter_start_s"]), str(c["imports_s"]),
                  str(c["model_load_s"]), str(c["index_load_s"]), str(c["first_answer_s"]),
                  str(c["rss_after_first_answer_mb"]), str(c.get("load_doc_texts_embedded", c["doc_texts_embedded"])),
                  str(c.get("query_texts_embedded", "")),
                  str(c["bm25_index_calls"] + c["lexical_builds"]), str(c["lexicon_builds"]), str(c["typo_index_after_s"]))
    return t


def peer_table(r: dict) -> Table:
    p = r["peer_txtai"]
    t = new_table(f"5. Peer on the same {r['corpus']} chunks: Quotebot vs txtai {p.get('version', '')}", (
        "system", "chunks", "build s", "chunks/s", "search p50 ms", "search p95 ms", "peak RSS MB", "RSS after MB"))
    b, lat = r["build"], r.get("latency", {})
    t.add_row("quotebot (build; retrieve)", str(b["chunks"]), f"{b['wall_s']:.1f}", f"{b['chunks_per_s']:.1f}",
              str(get(lat, "search_p50_ms")), "", f"{b['peak_rss_mb']:.0f}", str(get(lat, "rss_mb")))
    if "error" in p:
        t.add_row("txtai", p["error"], "", "", "", "", "", "")
    else:
        t.add_row(f"txtai ({p['backend']}, content=True)", str(p["chunks"]), f"{p['build_s']:.1f}",
                  f"{p['chunks_per_s']:.1f}", f"{p['search_p50_ms']:.1f}", f"{p['search_p95_ms']:.1f}",
                  f"{p['peak_rss_mb']:.0f}", f"{p['rss_after_mb']:.0f}")
    return t


def sweep_table(r: dict) -> Table:
    s = r["sweep"]
    batches = sorted({row["batch"] for row in s["rows"]})
    t = new_table(f"1c. Encode texts/s on {r['corpus']} by batch size (builder default {s['default_batch']}), "
                  f"samples {s['sizes']}, mean chars {s['mean_chars']}", ("texts", "threads", *map(str, batches)))
    for kind, threads in dict.fromkeys((row["texts"], row["threads"]) for row in s["rows"]):
        rate = {row["batch"]: row["per_s"] for row in s["rows"] if (row["texts"], row["threads"]) == (kind, threads)}
        t.add_row(kind, str(threads), *(f"{rate[b]:.1f}" if b in rate else "–" for b in batches))
    return t


def approximate_table(r: dict) -> Table:
    h = r["latency"]["hnsw"]
    t = new_table(f"6. HNSW (M=32, efConstruction=80) vs exact IndexFlatIP on {r['corpus']}: "
                  f"{h['vectors']} vectors, {h['queries']} queries, HNSW build {h['build_s']}s, "
                  f"exact p50 {h['exact_p50_ms']} ms", ("efSearch", "Recall@10", "p50 ms / query", "exact p50 ms"))
    for row in h["by_ef"]:
        t.add_row(str(row["ef_search"]), f"{row['recall_at_10']:.4f}", f"{row['p50_ms']:.3f}", f"{h['exact_p50_ms']:.3f}")
    return t


def print_all(results: dict) -> None:
    con = Console(width=200)
    for r in results["corpora"]:
        if "skipped" in r:
            con.print(f"[yellow]{r['corpus']}: skipped — {r['skipped']}[/]")
        for k in PARTS:
            if isinstance(r.get(k), dict) and "error" in r[k]:
                con.print(f"[red]{r['corpus']} {k}: {r[k]['error']}[/]")
    built = [r for r in results["corpora"] if "build" in r and "error" not in r["build"]]
    for make in (build_table, stages_table, incremental_table, latency_table, cold_table):
        con.print(make(built))
    for r in built:
        if r.get("peer_txtai"):
            con.print(peer_table(r))
        if get(r, "latency", "hnsw", default=None):
            con.print(approximate_table(r))
        if get(r, "sweep", "rows", default=None):
            con.print(sweep_table(r))
