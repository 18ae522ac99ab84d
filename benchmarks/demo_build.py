"""The national demo built into a fresh SQLite file, against the target of 60 seconds.

Also reports the 2023 figures as the funnel counts them, with plain SQL on cases.funnel_stage:
investigated = stage 2 (under investigation) or beyond, convicted = stage 6 or beyond. The seed
claim is "over 18,000 investigated, 10 convicted".
"""

from __future__ import annotations

from sqlalchemy import text

from benchmarks.common import scratch_context
from tipwatch.services.demo import DemoOptions, Scale, build_demo
from tipwatch.storage.crypto import EncryptingCodec, KeyRing

TARGET_SECONDS = 60.0
SEED = 2025
COUNT_2023_SQL = """
SELECT
  SUM(CASE WHEN funnel_stage >= 2 THEN 1 ELSE 0 END) AS investigated,
  SUM(CASE WHEN funnel_stage >= 6 THEN 1 ELSE 0 END) AS convicted
FROM cases WHERE year = 2023
"""


def run() -> list[str]:
    with scratch_context(EncryptingCodec(KeyRing.generate()), "demo") as ctx:
        report = build_demo(ctx, DemoOptions(seed=SEED, scale=Scale.NATIONAL))
        with ctx.engine.connect() as connection:
            investigated, convicted = connection.execute(text(COUNT_2023_SQL)).one()
    cases = sum(report.counts.cases_by_year.values())
    verdict = "meets" if report.seconds <= TARGET_SECONDS else "MISSES"
    return [
        f"national demo, seed {SEED}: {cases:,} cases into a new SQLite file, encrypted",
        f"build {report.seconds:6.1f} s ({report.seconds / cases * 1e3:.2f} ms a case): "
        f"{verdict} the target of {TARGET_SECONDS:.0f} s",
        f"2023: {investigated:,} cases investigated (seed: over 18,000), "
        f"{convicted} convicted (seed: 10)",
    ]
