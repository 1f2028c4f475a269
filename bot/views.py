"""Interactive views: pages with Previous / Next (the base), the document list of /sources."""

from __future__ import annotations

import logging

import discord

from bot.cogs.errors import on_interaction_error
from bot.render import Message, page_count, render_sources_page
from bot.replies import send_kwargs
from index.types import DocumentInfo

log = logging.getLogger(__name__)

PER_PAGE = 10


class PagedView(discord.ui.View):
    """Previous / next buttons over a fixed list shown a page at a time; only the caller can
    page. Subclasses name their `command` (for error logs) and render one page."""

    command = "?"

    def __init__(self, pages: int, *, owner_id: int, timeout: float = 600) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.page = 0
        self.pages = pages
        self._sync_buttons()

    def render(self) -> Message:
        raise NotImplementedError

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.page <= 0
        self.next.disabled = self.page >= self.pages - 1

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return interaction.user.id == self.owner_id

    async def on_error(self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item) -> None:
        await on_interaction_error(interaction, error, f"{self.command} button {getattr(item, 'label', '?')}")

    async def _show(self, interaction: discord.Interaction, page: int) -> None:
        self.page = min(max(page, 0), self.pages - 1)
        self._sync_buttons()
        kwargs = send_kwargs(self.render())
        kwargs.pop("allowed_mentions", None)
        await interaction.response.edit_message(**kwargs, view=self)

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page - 1)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page + 1)


class SourcesView(PagedView):
    """The /sources document list, ten documents a page."""

    command = "/sources"

    def __init__(self, docs: list[DocumentInfo], *, query: str = "", owner_id: int, timeout: float = 600,
                 collections: dict[str, int] | None = None) -> None:
        self.docs = docs
        self.query = query
        self.collections = collections
        super().__init__(page_count(len(docs), PER_PAGE), owner_id=owner_id, timeout=timeout)

    def render(self) -> Message:
        return render_sources_page(self.docs, self.page, PER_PAGE, self.query, self.collections)
