"""A local web server on 127.0.0.1 serving the `/add` fixtures: an article, redirects (to a
private address, to a loopback name, in a loop), a 50 MB page, a slow page, a PDF, an image."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from aiohttp import web

from tests.index.test_documents import make_pdf

PAGES = Path(__file__).parent / "data" / "pages"
BIG_BYTES = 50 * 2**20
SLOW_SECONDS = 30.0
PDF_TEXT = [
    "Valley Rights Office annual report on flood evictions and shelters in the northern river districts.",
    "The office recorded three hundred evicted families and asked the ministry to stop the evictions now.",
]


class PageServer:
    def __init__(self) -> None:
        self.requests: list[str] = []
        self._release = asyncio.Event()  # lets the slow page's handler end when the server closes
        self._runner: web.AppRunner | None = None
        self.port = 0

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    async def start(self) -> PageServer:
        app = web.Application()
        app.router.add_get("/{name}", self._page)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def close(self) -> None:
        self._release.set()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _page(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        self.requests.append(name)
        if name in ("article", "article-again"):
            return web.Response(body=(PAGES / "article.html").read_bytes(), content_type="text/html", charset="utf-8")
        if name == "moved":
            raise web.HTTPFound(location="/article")
        if name == "to-private":
            raise web.HTTPFound(location="http://10.20.30.40/internal")
        if name == "to-metadata":
            raise web.HTTPFound(location="http://169.254.169.254/latest/meta-data/")
        if name == "to-localhost":
            raise web.HTTPFound(location=f"http://localhost:{self.port}/article")
        if name == "loop":
            raise web.HTTPFound(location="/loop")
        if name == "big":  # 50 MB of HTML, streamed without a Content-Length
            return await self._stream(request, BIG_BYTES, length=False)
        if name == "big-declared":
            return await self._stream(request, BIG_BYTES, length=True)
        if name == "slow":
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._release.wait(), SLOW_SECONDS)
            return web.Response(text="<html><body><p>late</p></body></html>", content_type="text/html")
        if name == "report.pdf":
            return web.Response(body=make_pdf(PDF_TEXT), content_type="application/pdf")
        if name == "photo.png":
            return web.Response(body=b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png")
        if name == "empty":
            return web.Response(text="<html><body><nav>Home</nav></body></html>", content_type="text/html")
        raise web.HTTPNotFound()

    async def _stream(self, request: web.Request, size: int, *, length: bool) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/html"})
        if length:
            resp.content_length = size
        await resp.prepare(request)
        block = b"<p>" + b"flood " * 10_000 + b"</p>\n"
        sent = 0
        with contextlib.suppress(ConnectionError, asyncio.CancelledError):
            while sent < size:
                await resp.write(block)
                sent += len(block)
            await resp.write_eof()
        return resp
