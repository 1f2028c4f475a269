"""The question log: what was asked, what was answered, and what people thought of it (SQLite).

Built once by the process wiring (`bot.runner`, `quotebot report`) and handed to the bot through
its constructor; nothing here is a module global. See `store.QuestionLog` and `report.build_report`.
"""

from bot.questionlog.records import AnswerRecord, LoggedQuote
from bot.questionlog.store import QuestionLog, log_path

__all__ = ["AnswerRecord", "LoggedQuote", "QuestionLog", "log_path"]
