"""Agreement over 10,000 articles x 3 annotators (every article done by all three).

Times ``annotator.core.team.agreement.compute_agreement`` on the whole project, all its figures
(span F1 exact and partial, token kappa, Krippendorff's alpha, confusion): what
``annotator agreement DB`` computes. Target under 5 s.
"""

from __future__ import annotations

from benchmarks import corpus
from benchmarks.measure import Config, Figure, median, require, timed


def figures(cfg: Config) -> list[Figure]:
    title = f"agreement over {cfg.agreement_n:,} articles x 3 annotators"
    return [Figure("agreement", title, "s", "under", 5.0)]


def measure(cfg: Config, figs: dict[str, Figure]) -> None:
    from annotator.core.store import open_store

    fig = figs["agreement"]
    agreement = require("annotator.core.team.agreement", "compute_agreement")
    db = corpus.project(cfg.agreement_n, cfg.seed)
    times: list[float] = []
    with open_store(db, readonly=True) as store:
        for i in range(cfg.repeats):
            t, report = timed(lambda: agreement.compute_agreement(store))
            times.append(t)
            cfg.log(f"agreement run {i + 1}: {t:.2f} s")
    if report.alpha_articles != cfg.agreement_n:
        raise RuntimeError(
            f"agreement covered {report.alpha_articles} articles, expected {cfg.agreement_n}"
        )
    fig.title = f"agreement over {cfg.agreement_n:,} articles x {len(report.annotators)} annotators"
    fig.measured = median(times)
    alpha = report.alpha
    fig.note = f"alpha {alpha:.3f} over {report.alpha_tokens:,} tokens" if alpha else ""
    fig.extra = {"runs": times}
