"""`quotebot report [--days N] [--json]`: the question log's report, for every guild, in a terminal."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from rich.console import Console

from bot.cli_output import say

log = logging.getLogger(__name__)


def _days(value: str) -> float:
    try:
        days = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of days") from None
    if days <= 0:
        raise argparse.ArgumentTypeError("give a positive number of days")
    return days


def add_parser(sub) -> None:
    sp = sub.add_parser("report", help="what was asked, answered and missed (from the question log)")
    sp.add_argument("--days", type=_days, default=7.0, help="how many days back (default 7)")
    sp.add_argument("--json", action="store_true", help="print one JSON object")


def cmd_report(args: argparse.Namespace, settings, out: Console, err: Console) -> int:
    from bot.questionlog import QuestionLog, log_path
    from bot.questionlog.report import build_report, report_lines
    from bot.questionlog.store import LogConfig

    path = log_path(settings.data_dir)
    if not settings.log_questions:
        say(err, "quotebot: the question log is off (LOG_QUESTIONS=false): nothing to report.")
        return 1
    if not path.is_file():
        # Reporting must not create the file: an empty new log would hide a wrong DATA_DIR.
        say(err, f"quotebot: no question log at {path} yet (DATA_DIR; the bot writes it as it answers).")
        return 1
    qlog = QuestionLog(path, LogConfig(retention_days=settings.question_log_days))
    try:
        report = build_report(qlog, args.days)
    finally:
        qlog.close()
    if report is None:
        say(err, f"quotebot: cannot read the question log {path} (see the warning above).")
        return 1
    if args.json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False) + "\n")
    else:
        for line in report_lines(report):
            say(out, line.replace("**", ""))
    return 0
