"""The question log: what was asked, what was answered, and what people thought of it (SQLite).

Built once by the process wiring (`bot.runner`, `quotebot report`) and handed to the bot through
its constructor; nothing here is a module global. See `store.QuestionLog` and `report.build_report`.
"""

from bot.questionlog.records import AnswerRecord, LoggedQuote
from bot.questionlog.store import QuestionLog, log_path

__all__ = ["AnswerRecord", "LoggedQuote", "QuestionLog", "from_settings", "log_path"]


def from_settings(settings) -> QuestionLog | None:
    """The log LOG_QUESTIONS, DATA_DIR and QUESTION_LOG_DAYS describe; None when it is off.
    Opening is lazy: a log that cannot be opened only costs a warning at the first answer."""
    from bot.questionlog.store import LogConfig

    if not settings.log_questions:
        return None
    return QuestionLog(log_path(settings.data_dir), LogConfig(retention_days=settings.question_log_days))
