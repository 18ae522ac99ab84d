"""`tipwatch demo`: build the synthetic national dataset, print the demo logins, serve the app.

Registered in cli.py as `app.command("demo")(demo_command)`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from tipwatch.config import load_settings
from tipwatch.services.demo import DemoOptions, DemoReport, Scale, build_demo


def demo_command(
    seed: Annotated[int, typer.Option(help="The same seed gives the same data.")] = 2025,
    scale: Annotated[
        Scale, typer.Option(help="national (about 119,000 cases) or small (1/50, for tests).")
    ] = Scale.NATIONAL,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Empty and rebuild a database an earlier demo made."),
    ] = False,
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the app once the data is built.")
    ] = True,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Build a synthetic national dataset of invented cases (2019-2025) and serve it."""
    from tipwatch.services.context import bootstrap
    from tipwatch.services.setup import prepare_database

    context = bootstrap(load_settings())
    prepare_database(context)
    database = context.engine.url.render_as_string(hide_password=True)
    typer.echo(f"building the {scale.value} demo (seed {seed}) into {database}")
    report = build_demo(context, DemoOptions(seed, scale, replace), progress=typer.echo)
    typer.echo("\n".join(summary_lines(report)))
    if serve:
        import uvicorn

        from tipwatch.api.app import create_app

        typer.echo(f"tipwatch on http://{host}:{port}/ (API: http://{host}:{port}/api/v1/docs)")
        uvicorn.run(create_app(context), host=host, port=port, log_level="info")


def summary_lines(report: DemoReport) -> list[str]:
    counts = report.counts
    lines = [
        f"demo built in {report.seconds:.0f} s: data as of {report.last_day}",
        "  year    cases  investigated  convicted",
    ]
    for year, cases in counts.cases_by_year.items():
        lines.append(
            f"  {year}  {cases:7,}  {counts.investigated_by_year.get(year, 0):12,}  "
            f"{counts.convicted_by_year.get(year, 0):9,}"
        )
    lines += [
        "  (investigated: funnel stage 2, under investigation, or beyond;"
        " convicted: stage 6 or beyond)",
        "",
        "DEMO CREDENTIALS: for this synthetic demo database only, never for real data.",
        f"every demo user's password: {report.password}",
    ]
    for user in report.users:
        unit = report.unit_names.get(user.unit_code or "", "national")
        lines.append(f"  {user.username:<24} {user.role.value:<12} {unit}")
        lines.append(f"  {'':<24} sees {user.what_they_see}")
    return lines
