"""Baseline for the national benchmark: the default gap list by polars anti-joins.

Reads an exported network (``nodes.csv`` and ``links.csv`` from ``sinergi
export --format csv``) and writes the gap rows sinergi would give for the
default rules, using nothing but dataframe joins. It is what an analyst with a
notebook would write, and it is the yardstick ``benchmarks/national.py``
compares ``sinergi gaps`` against.

Usage: ``python benchmarks/gaps_baseline.py EXPORT_DIR OUTPUT.csv``
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import polars as pl

SCOPE_LENGTH = {"village": 13, "district": 8, "regency": 5, "province": 2}
RULES_FILE = Path(__file__).parents[1] / "sinergi_graph" / "data" / "rules.toml"


def gap_list(export_dir: Path) -> pl.DataFrame:
    nodes = pl.read_csv(
        export_dir / "nodes.csv",
        columns=["id", "kind", "name", "area", "member_of"],
        schema_overrides={c: pl.Utf8 for c in ("id", "kind", "name", "area", "member_of")},
    )
    links = pl.read_csv(
        export_dir / "links.csv",
        columns=["source", "target"],
        schema_overrides={"source": pl.Utf8, "target": pl.Utf8},
    )
    # Fold members onto their institution (the demo has one level of membership).
    root = nodes.select("id", pl.coalesce("member_of", "id").alias("root"))
    edges = (
        links.join(root, left_on="source", right_on="id")
        .rename({"root": "a"})
        .join(root, left_on="target", right_on="id")
        .rename({"root": "b"})
        .select("a", "b")
        .filter(pl.col("a") != pl.col("b"))
    )
    edges = pl.concat([edges, edges.select(a="b", b="a")]).unique()
    institutions = nodes.filter(pl.col("member_of").is_null() & pl.col("area").is_not_null())
    rules = tomllib.loads(RULES_FILE.read_text("utf-8"))["rule"]
    frames = []
    for order, rule in enumerate(rules):
        n = SCOPE_LENGTH[rule["scope"]]
        subjects = institutions.filter(
            (pl.col("kind") == rule["subject"]) & (pl.col("area").str.len_chars() >= n)
        ).with_columns(scope=pl.col("area").str.slice(0, n))
        partners = institutions.filter(
            pl.col("kind").is_in(rule["counterparts"]) & (pl.col("area").str.len_chars() >= n)
        ).select(partner="id", scope=pl.col("area").str.slice(0, n))
        pairs = subjects.select("id", "scope").join(partners, on="scope")
        covered = pairs.join(edges, left_on=["id", "partner"], right_on=["a", "b"], how="semi")
        in_scope = pairs.group_by("id").agg(
            pl.col("partner").sort().str.join(";").alias("counterpart_ids")
        )
        gaps = (
            subjects.join(covered.select("id").unique(), on="id", how="anti")
            .join(in_scope, on="id", how="left")
            .select(
                rule=pl.lit(rule["id"]),
                severity=pl.lit(rule.get("severity", "medium")),
                reason=pl.when(pl.col("counterpart_ids").is_null())
                .then(pl.lit("no_counterpart"))
                .otherwise(pl.lit("no_contact")),
                subject_id="id",
                subject_name="name",
                area="area",
                counterpart_ids=pl.col("counterpart_ids").fill_null(""),
                order=pl.lit(order),
            )
        )
        frames.append(gaps)
    return pl.concat(frames).sort("area", "order", "subject_id").drop("order")


def main() -> None:
    export_dir, output = Path(sys.argv[1]), Path(sys.argv[2])
    gap_list(export_dir).write_csv(output)


if __name__ == "__main__":
    main()
