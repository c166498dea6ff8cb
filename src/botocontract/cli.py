"""The ``botocontract`` command (cli.md). Parsing and dispatching only: the work is in ``api``,
the output in ``reports`` (tests/test_layers.py keeps it so).

Exit codes: 0 fine, 1 the gate failed, 2 bad input or usage (one line on stderr, no traceback).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
import orjson

from . import __version__, api, reports
from .errors import BotocontractError, did_you_mean
from .reports import (
    BISECT_FORMATS,
    CHECK_FORMATS,
    DIFF_FORMATS,
    GATE_FORMATS,
    HISTORY_FORMATS,
    INIT_FORMATS,
    RELEASES_FORMATS,
    RULES_FORMATS,
    SCAN_FORMATS,
    SHOW_FORMATS,
    SNAPSHOT_FORMATS,
    TARGETS,
    Layout,
    emit,
)

F = TypeVar("F", bound=Callable[..., Any])
EXIT_GATE_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL_ERROR = 3
EXIT_INTERRUPTED = 130  # as a shell reports a SIGINT
# click 8.2 and later say "no arguments" with their own exception; older ones show the help.
_NO_ARGUMENTS: Any = getattr(click.exceptions, "NoArgsIsHelpError", ())
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


def _stack(*options: Callable[[F], F]) -> Callable[[F], F]:
    """Several click options as one decorator, for options that go together."""

    def apply(command: F) -> F:
        for option in reversed(options):
            command = option(command)
        return command

    return apply


# The options of every command that reads releases (cli.md).
release_options = _stack(
    click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Wheel cache (default: the user cache dir; env BOTOCONTRACT_CACHE_DIR).",
    ),
    click.option(
        "--offline",
        is_flag=True,
        default=None,
        help="Never run pip; use cached wheels only (env BOTOCONTRACT_OFFLINE=1).",
    ),
    click.option(
        "--service-name",
        metavar="NAME",
        help="The service of a single model file outside <service>/<api-version>/.",
    ),
    click.option(
        "--date",
        callback=_date,
        metavar="YYYY-MM-DD",
        help="The release date of a spec that carries none (folders, model files).",
    ),
    click.option(
        "--quiet",
        "-q",
        is_flag=True,
        help="No download progress on stderr (there is none in CI or when stderr is no terminal).",
    ),
)
# Where the contracts and their fixtures are. Options left out come from [tool.botocontract] in
# pyproject.toml (api.project_config), else these defaults.
contract_options = _stack(
    click.option(
        "--contracts",
        "contracts_dir",
        type=click.Path(path_type=Path),
        help="Contract files (YAML) [default: pyproject's contracts, else contracts].",
    ),
    click.option(
        "--fixtures",
        "fixtures_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="The pinned trees [default: pyproject's fixtures, else fixtures].",
    ),
)
# The release a check is made against.
checked_release_option = click.option(
    "--botocore",
    "spec",
    metavar="SPEC",
    help="The release to check against [default: pyproject's botocore, else installed].",
)
# The release whose trees the fixtures take.
pinned_release_option = click.option(
    "--botocore",
    "spec",
    metavar="SPEC",
    help="The release to take the trees from (default: the one the fixtures record).",
)
# How changes are judged: severity overrides and accepted changes.
judging_options = _stack(
    click.option(
        "--severity",
        "severities",
        multiple=True,
        metavar="RULE=LEVEL",
        help="Override the severity of a rule (repeatable).",
    ),
    click.option(
        "--ignore",
        type=click.Path(dir_okay=False, path_type=Path),
        help="A YAML file of accepted changes (by fingerprint, or rule + path).",
    ),
)
# An ignore entry that accepts no change: a warning, or with this a broken ignore file (gate, diff).
strict_ignore_option = click.option(
    "--strict-ignore",
    is_flag=True,
    help="An ignore entry that accepts no change is an error (exit 2), not a warning.",
)

# How a report of many changes is laid out (text and markdown; the other formats list every path).
layout_options = _stack(
    click.option(
        "--expand",
        is_flag=True,
        help="One line per path (and enum value) instead of one per change where it happened.",
    ),
    click.option(
        "--target",
        type=click.Choice(list(TARGETS)),
        default="summary",
        show_default=True,
        help="Where markdown goes: a job's step summary (1 MiB) or a PR comment (65,536).",
    ),
    click.option(
        "--max-bytes",
        type=click.IntRange(min=4096),
        metavar="N",
        help="The most a markdown report may take (default: the --target's limit).",
    ),
)


def _layout(expand: bool, target: str, max_bytes: int | None) -> Layout:
    return Layout(expand=expand, max_bytes=max_bytes or TARGETS[target])


def _folders(contracts_dir: Path | None, fixtures_dir: Path | None) -> tuple[Path, Path]:
    """The contracts and fixtures folders: the options, else the project's."""
    project = api.project_config()
    return contracts_dir or project.contracts, fixtures_dir or project.fixtures


def _settings(
    cache_dir: Path | None,
    offline: bool | None,
    service_name: str | None,
    date: dt.date | None,
    quiet: bool,
) -> api.Settings:
    return api.Settings(
        cache_dir=cache_dir, offline=offline, service_name=service_name, date=date, quiet=quiet
    )


class _Interrupted(BaseException):
    """Ctrl-C, carried past click (which would print a blank line and call it an abort)."""


class _SystemFailure(BaseException):
    """An OSError no file reader turned into a message (stdout on a full disk, a closed pipe),
    carried past click, which would exit 1 for a closed pipe: a gate failure's code."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


class _Commands(click.Group):
    """Says an unknown command in botocontract's words: click's wording changes between its
    releases, and the user reads ours."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise _Interrupted from None
        except OSError as exc:
            raise _SystemFailure(exc) from None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            known = self.list_commands(ctx)
            raise click.UsageError(f"No such command '{name}'{_suggest(name, known)}", ctx)
        return super().resolve_command(ctx, args)


def _suggest(name: str, candidates: list[str]) -> str:
    return did_you_mean(name, candidates) or "."


@click.group(cls=_Commands, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="botocontract")
def cli() -> None:
    """Guard your code against surprises in botocore's service models.

    \b
    A release is named by a SPEC: installed, a version (1.37.22), botocore==1.37.22,
    boto3==1.37.22 (the botocore pip installs with it), a lock or requirements file
    (uv.lock, poetry.lock, requirements.txt...), git:REF:PATH, a wheel, a botocore/data
    folder or checkout, or one service-2.json(.gz).
    """


@cli.command(context_settings=CONTEXT)
@click.argument("spec")
@click.argument("service")
@click.argument("operation", required=False)
@click.option("--api-version", metavar="V", help="An api-version folder other than the newest.")
@click.option(
    "--format", "fmt", type=click.Choice(list(SHOW_FORMATS)), default="text", show_default=True
)
@release_options
def show(
    spec: str,
    service: str,
    operation: str | None,
    api_version: str | None,
    fmt: str,
    **release: Any,
) -> None:
    """The normalized request/response trees of OPERATION, or the operation list.

    \b
    Example:
      botocontract show 1.37.22 sagemaker CreateApp
    """
    report = api.show(spec, service, operation, _settings(**release), api_version=api_version)
    _emit(SHOW_FORMATS, fmt, report)


@cli.command(context_settings=CONTEXT)
@click.argument("old")
@click.argument("new")
@click.option(
    "--service",
    "services",
    multiple=True,
    metavar="S",
    help="Only this service (repeatable). Default: every service.",
)
@click.option(
    "--format", "fmt", type=click.Choice(list(DIFF_FORMATS)), default="text", show_default=True
)
@click.option(
    "--fail-on",
    type=click.Choice(api.FAIL_ON),
    default="breaking",
    show_default=True,
    help="Exit 1 when a change at or above this severity is found.",
)
@judging_options
@strict_ignore_option
@click.option("--show-docs", is_flag=True, help="Report documentation changes too.")
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes for large diffs.")
@layout_options
@release_options
def diff(
    old: str,
    new: str,
    services: tuple[str, ...],
    fmt: str,
    fail_on: str,
    severities: tuple[str, ...],
    ignore: Path | None,
    strict_ignore: bool,
    show_docs: bool,
    jobs: int | None,
    expand: bool,
    target: str,
    max_bytes: int | None,
    **release: Any,
) -> None:
    """The judged changes between two releases, of every service or of --service.

    \b
    Example:
      botocontract diff 1.37.21 1.37.22 --service sagemaker --format markdown
    """
    overrides = api.parse_overrides(severities)
    accepted = api.ignore_file(ignore) if ignore is not None else None
    verdict = api.diff(
        old,
        new,
        _settings(**release),
        services=services or None,
        show_docs=show_docs,
        overrides=overrides,
        ignore=accepted,
        jobs=jobs,
    )
    _emit(DIFF_FORMATS, fmt, verdict, _layout(expand, target, max_bytes))
    if accepted is not None:
        # stderr, so that every format keeps its shape; worded as the gate's report words them
        stale = accepted.stale(services or None)
        if strict_ignore:
            api.refuse_stale_ignores(stale)
        for entry in stale:
            click.echo(f"warning: {entry.stale_warning}", err=True)
    if verdict.fails(fail_on):
        sys.exit(EXIT_GATE_FAILED)


@cli.command(context_settings=CONTEXT)
@click.argument("old")
@click.argument("new")
@click.option(
    "--service",
    "services",
    multiple=True,
    metavar="S",
    help="Only this service (repeatable). Default: every changed service.",
)
@click.option(
    "--format", "fmt", type=click.Choice(list(HISTORY_FORMATS)), default="text", show_default=True
)
@click.option(
    "--notes",
    type=click.Path(exists=True, path_type=Path),
    help="botocore's CHANGELOG.rst or .changes folder (or a checkout holding them).",
)
@click.option("--show-docs", is_flag=True, help="Count documentation changes too.")
@click.option(
    "--range",
    "as_range",
    is_flag=True,
    help="Every published release from OLD to NEW: a section per release pair that "
    "changed a selected service, newest first.",
)
@click.option(
    "--reverse",
    is_flag=True,
    help="OLD is meant to be newer than NEW (a changelog of a downgrade).",
)
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes for large diffs.")
@click.option(
    "--contracts",
    "contracts_dir",
    type=click.Path(path_type=Path),
    help="Contract files (YAML): the html page marks the changes that touch a clause.",
)
@release_options
def changelog(
    old: str,
    new: str,
    services: tuple[str, ...],
    fmt: str,
    notes: Path | None,
    show_docs: bool,
    as_range: bool,
    reverse: bool,
    jobs: int | None,
    contracts_dir: Path | None,
    **release: Any,
) -> None:
    """The changelog from OLD to NEW, one section per changed service.

    \b
    Examples:
      botocontract changelog 1.37.21 1.37.22 --service sagemaker
      botocontract changelog 1.37.0 1.38.0 --range --service sagemaker --format html > log.html
    """
    report = api.changelog(
        old,
        new,
        _settings(**release),
        services=services or None,
        show_docs=show_docs,
        notes=notes,
        jobs=jobs,
        fmt=fmt,
        as_range=as_range,
        reverse=reverse,
        contracts_dir=contracts_dir,
    )
    _emit(reports.changelog_formats(fmt, as_range), fmt, report)


@cli.command(context_settings=CONTEXT)
@checked_release_option
@contract_options
@click.option(
    "--format", "fmt", type=click.Choice(list(CHECK_FORMATS)), default="text", show_default=True
)
@click.option(
    "--code",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="PATH",
    help="Also fail when this code uses an operation or member no contract pins (repeatable).",
)
@release_options
def check(
    spec: str | None,
    contracts_dir: Path | None,
    fixtures_dir: Path | None,
    fmt: str,
    code: tuple[Path, ...],
    **release: Any,
) -> None:
    """Evaluate every contract clause against a release; exit 1 when one fails.

    \b
    Examples:
      botocontract check --botocore 1.37.21
      botocontract check --code src
    """
    report = api.check(
        spec or api.project_config().botocore,
        *_folders(contracts_dir, fixtures_dir),
        _settings(**release),
        code=code,
    )
    _emit(CHECK_FORMATS, fmt, report)
    if report.failed or report.code_gaps:
        sys.exit(EXIT_GATE_FAILED)


@cli.command(context_settings=CONTEXT)
@click.option("--update", is_flag=True, help="Rewrite the fixtures that differ (atomically).")
@pinned_release_option
@click.option("--prune", is_flag=True, help="Delete fixtures no clause uses.")
@contract_options
@release_options
def snapshot(
    update: bool,
    spec: str | None,
    prune: bool,
    contracts_dir: Path | None,
    fixtures_dir: Path | None,
    **release: Any,
) -> None:
    """Report, or with --update rewrite, the fixtures the contracts pin.

    Without --botocore the trees come from the release the fixtures already record, so an update
    never moves the baseline silently. Exit 1 when fixtures differ and --update was not given.

    \b
    Example:
      botocontract snapshot --update --botocore 1.37.22
    """
    report = api.snapshot(
        *_folders(contracts_dir, fixtures_dir),
        spec,
        _settings(**release),
        update=update,
        prune=prune,
    )
    _emit(SNAPSHOT_FORMATS, "text", report)
    if report.changed and not update:
        sys.exit(EXIT_GATE_FAILED)


@cli.command(context_settings=CONTEXT)
@click.option(
    "--from", "old", metavar="SPEC", help="The pinned release [default: pyproject's gate-from]."
)
@click.option(
    "--to", "new", metavar="SPEC", help="The candidate release [default: pyproject's gate-to]."
)
@click.option(
    "--strict",
    is_flag=True,
    help="Any change at or above --fail-on fails, whether it breaks a clause or not.",
)
@click.option(
    "--fail-on",
    type=click.Choice(api.FAIL_ON),
    help="The severity at which a change that breaks a clause fails the gate "
    "[default: pyproject's fail-on, else breaking].",
)
@judging_options
@strict_ignore_option
@contract_options
@click.option(
    "--format", "fmt", type=click.Choice(list(GATE_FORMATS)), default="text", show_default=True
)
@layout_options
@release_options
def gate(
    old: str | None,
    new: str | None,
    strict: bool,
    fail_on: str | None,
    severities: tuple[str, ...],
    ignore: Path | None,
    strict_ignore: bool,
    contracts_dir: Path | None,
    fixtures_dir: Path | None,
    fmt: str,
    expand: bool,
    target: str,
    max_bytes: int | None,
    **release: Any,
) -> None:
    """The upgrade verdict: every contract on the candidate, and the judged diff of the services
    the contracts name. Breaking changes that break what a clause asserts fail the gate; the rest
    is reported (--strict: every breaking change fails).

    \b
    Example:
      botocontract gate --from 1.37.21 --to boto3==1.38.0 --format markdown
    """
    project = api.project_config()
    old, new = old or project.gate_from, new or project.gate_to
    if old is None or new is None:
        missing = "--from" if old is None else "--to"
        key = "gate-from" if old is None else "gate-to"
        raise click.UsageError(
            f"Missing option '{missing}' (or {key} in [tool.botocontract] of pyproject.toml)",
            click.get_current_context(),
        )
    report = api.gate(
        old,
        new,
        *_folders(contracts_dir, fixtures_dir),
        _settings(**release),
        strict=strict,
        fail_on=fail_on or project.fail_on,
        ignore=ignore or project.ignore,
        overrides=api.parse_overrides(severities),
    )
    _emit(GATE_FORMATS, fmt, report, _layout(expand, target, max_bytes))
    if strict_ignore:
        api.refuse_stale_ignores(report.stale_ignores)
    if not report.passed:
        sys.exit(EXIT_GATE_FAILED)


@cli.command(context_settings=CONTEXT)
@click.option("--since", metavar="V", help="The oldest version to list.")
@click.option("--until", metavar="V", help="The newest version to list.")
@click.option("--refresh", is_flag=True, help="Ask pip for the list again.")
@click.option(
    "--format", "fmt", type=click.Choice(list(RELEASES_FORMATS)), default="text", show_default=True
)
@release_options
def releases(since: str | None, until: str | None, refresh: bool, fmt: str, **release: Any) -> None:
    """The published botocore releases, oldest first; cached ones with their build date.

    \b
    Example:
      botocontract releases --since 1.37.0 --until 1.38.0
    """
    found = api.releases(_settings(**release), since=since, until=until, refresh=refresh)
    _emit(RELEASES_FORMATS, fmt, found)


@cli.command(context_settings=CONTEXT)
@click.argument("service")
@click.argument("path")
@click.option("--from", "first", metavar="V", help="The oldest release to search (default 1.0.0).")
@click.option("--to", "last", metavar="V", help="The newest release to search (default: newest).")
@click.option("--gone", is_flag=True, help="Find where PATH stopped existing instead.")
@release_options
def bisect(
    service: str, path: str, first: str | None, last: str | None, gone: bool, **release: Any
) -> None:
    """The first release where PATH exists (with --gone: no longer exists), by binary search.

    PATH is Operation.request|response.Member..., or PATH=VALUE for an enum value.

    \b
    Examples:
      botocontract bisect sagemaker CreateApp.request.RecoveryMode --from 1.36.0 --to 1.38.0
      botocontract bisect sagemaker CreateApp.request.ResourceSpec.InstanceType=ml.g6e.xlarge
    """
    report = api.bisect(service, path, _settings(**release), first=first, last=last, gone=gone)
    _emit(BISECT_FORMATS, "text", report)
    for line in reports.warnings(BISECT_FORMATS, "text", report):
        click.echo(line, err=True)
    if report.release is None:
        sys.exit(EXIT_GATE_FAILED)


@cli.command(context_settings=CONTEXT)
@click.option(
    "--format", "fmt", type=click.Choice(list(RULES_FORMATS)), default="text", show_default=True
)
def rules(fmt: str) -> None:
    """The rule table that judges every change: id, severity, side, kind, explanation.

    Rules are tried in the order shown; the first that fits a change judges it.

    \b
    Example:
      botocontract rules --format markdown > docs/rules.md
    """
    _emit(RULES_FORMATS, fmt, api.rules())


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@checked_release_option
@click.option(
    "--format", "fmt", type=click.Choice(list(SCAN_FORMATS)), default="text", show_default=True
)
@release_options
def scan(paths: tuple[Path, ...], spec: str | None, fmt: str, **release: Any) -> None:
    """The AWS client calls in the Python code under PATHS (read, never run), checked against a
    release: an operation or member it does not have is an error (exit 1).

    \b
    Example:
      botocontract scan src tests --format json
    """
    report = api.scan(list(paths), spec or api.project_config().botocore, _settings(**release))
    _emit(SCAN_FORMATS, fmt, report)
    if report.failed:
        sys.exit(EXIT_GATE_FAILED)


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@pinned_release_option
@click.option("--update", is_flag=True, help="Merge into existing contracts, keeping hand edits.")
@contract_options
@release_options
def init(
    paths: tuple[Path, ...],
    spec: str | None,
    update: bool,
    contracts_dir: Path | None,
    fixtures_dir: Path | None,
    **release: Any,
) -> None:
    """Write contracts for what the code under PATHS (default: .) uses, then their fixtures.

    \b
    Examples:
      botocontract init src --botocore 1.37.22
      botocontract init src --update
    """
    report = api.init(
        list(paths) or [Path(".")],
        *_folders(contracts_dir, fixtures_dir),
        spec,
        _settings(**release),
        update=update,
    )
    _emit(INIT_FORMATS, "text", report)
    for line in reports.warnings(INIT_FORMATS, "text", report):
        click.echo(line, err=True)


@cli.command(context_settings=CONTEXT)
def schema() -> None:
    """Print the JSON Schema of contract files (for editors and linters)."""
    click.echo(orjson.dumps(api.schema(), option=orjson.OPT_INDENT_2).decode())


def _emit(registry: dict[str, str], fmt: str, report: Any, layout: Layout | None = None) -> None:
    # Reports are bytes (JSON is streamed as orjson writes it); click 8.5 deprecates its own
    # binary-stream helper, so write to the buffer under sys.stdout, after its pending text.
    sys.stdout.flush()
    out = sys.stdout.buffer
    emit(registry, fmt, report, out, layout)
    out.flush()


def _see(exc: click.UsageError) -> str:
    return f" (see '{exc.ctx.command_path if exc.ctx else 'botocontract'} --help')"


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    # One line, always: a newline in a file or service name would start a second one.
    one_line = message.replace("\r", "\\r").replace("\n", "\\n")
    click.echo(f"botocontract: {one_line}", err=True)
    sys.exit(code)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit cannot fail a second time."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: list[str] | None = None) -> None:
    code = _tuned_run(argv)  # the collector stays off: the process ends with the command
    if code:
        sys.exit(code)


def run(argv: list[str] | None = None) -> int:
    """The command on ``argv`` inside this process (as tests run it): the exit code is returned
    rather than exited with, and the collector and recursion limit are restored afterwards."""
    was_enabled, limit = gc.isenabled(), sys.getrecursionlimit()
    try:
        return _tuned_run(argv)
    finally:
        sys.setrecursionlimit(limit)
        if was_enabled:
            gc.enable()


def _tuned_run(argv: list[str] | None) -> int:
    # A short-lived process that builds hundreds of thousands of acyclic tuples: the cycle
    # collector would spend a third of a large diff's time finding nothing to free.
    gc.disable()
    # Walks recurse once per level of a model; give deep (but real) ones room.
    # (Not much more: C code such as json's encoder recurses on the C stack.)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 6_000))
    if sys.stdout is None:  # started with stdout closed: every report would vanish
        _fail("stdout is closed: nowhere to write the output")
    try:
        _run(argv)
    except SystemExit as done:  # our exits all carry an int code
        return int(done.code or 0)
    return 0


def _run(argv: list[str] | None) -> None:
    """Parses and dispatches; every outcome but success leaves by ``SystemExit``."""
    try:
        cli.main(args=argv, prog_name="botocontract", standalone_mode=False)
        sys.stdout.flush()  # here, where a closed pipe or a full disk is still ours to report
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.exceptions.Abort:
        _fail("aborted")
    except _NO_ARGUMENTS:
        _fail("Missing command. (see 'botocontract --help')")
    except click.NoSuchOption as exc:
        known = sorted(exc.possibilities or ())
        _fail(f"No such option '{exc.option_name}'{_suggest(exc.option_name, known)}{_see(exc)}")
    except click.UsageError as exc:
        _fail(f"{exc.format_message()}{_see(exc)}")
    except click.ClickException as exc:
        _fail(exc.format_message())
    except BotocontractError as exc:
        _fail(str(exc))
    except RecursionError:
        # Real models nest a few dozen levels; this is a model built to be walked forever.
        _fail(
            "a model or file nests deeper than botocontract walks "
            f"(over {sys.getrecursionlimit():,} levels of Python calls)"
        )
    except (BrokenPipeError, _SystemFailure) as exc:
        error = exc.error if isinstance(exc, _SystemFailure) else exc
        _silence_stdout()
        if isinstance(error, BrokenPipeError):
            sys.exit(0)  # a reader such as `head` went away: not an error of ours
        where = f"{error.filename}: " if error.filename else "could not write: "
        _fail(f"{where}{error.strerror or error}")
    except (KeyboardInterrupt, _Interrupted):
        _fail("interrupted", EXIT_INTERRUPTED)
    except Exception as exc:  # a bug of ours, not bad input: say so, in one line, with its own code
        if os.environ.get("BOTOCONTRACT_DEBUG"):
            raise
        click.echo(
            f"botocontract: internal error: {type(exc).__name__}: {exc} "
            "(set BOTOCONTRACT_DEBUG=1 for the traceback, and please report it)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL_ERROR)
