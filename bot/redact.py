"""Keep secrets out of every log record, whatever put them into the message or a traceback."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

REDACTED = "[redacted]"
_secrets: set[str] = set()
_installed = False


def _redact(text: str) -> str:
    for secret in _secrets:
        text = text.replace(secret, REDACTED)
    return text


def redact_secret(secret: str | None) -> None:
    """From now on, no log record of this process shows `secret` (message, args or traceback).

    A record factory sees every record of every logger before any handler, pytest's caplog
    included; short values are ignored so that redaction cannot eat ordinary words.
    """
    global _installed
    if not secret or len(secret) < 8:
        return
    _secrets.add(secret)
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is the handler's problem, not ours
            return record
        if any(s in message for s in _secrets):
            record.msg, record.args = _redact(message), None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            if any(s in text for s in _secrets):
                # Formatters reuse exc_text when set: the traceback is shown, redacted.
                record.exc_text = _redact(text)
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
