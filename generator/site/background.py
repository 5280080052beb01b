"""Run one stage of the build in a forked process while the main process goes on.

The downloads need nothing from the pages, so on a two-core machine they are written by a child
process while the parent renders the resource pages. ``fork`` gives the child the loaded catalog
without copying or pickling it; what the child returns comes back as JSON text.
"""

from __future__ import annotations

import json
import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from mkdocs.exceptions import PluginError

from generator import atomic


class Background:
    """``Background(func, *args)`` starts ``func(*args)``; ``wait()`` returns once it has finished."""

    def __init__(self, what: str, func: Callable[..., Any], *args: Any) -> None:
        self.what = what
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(writer, func, args), daemon=True)
        self._process.start()
        writer.close()

    def wait(self) -> Any:
        """Wait for the child and return what ``func`` returned (sent back as JSON); raise
        :class:`PluginError` with its error if it failed."""
        message = self._reader.recv_bytes().decode("utf-8") if self._reader.poll(None) else "没有结果"
        self._process.join()
        self._reader.close()
        if not message.startswith(_DONE) or self._process.exitcode != 0:
            raise PluginError(f"{self.what}失败：{message}（子进程退出码 {self._process.exitcode}）")
        return json.loads(message[len(_DONE) :])

    def stop(self) -> None:
        """End the child (the main process failed); nothing it wrote is published."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._reader.close()


_DONE = "done:"


def _child(writer: Connection, func: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        result = json.dumps(func(*args), ensure_ascii=False)
    except OSError as err:  # a full disk, a read-only folder: one line, not a traceback
        writer.send_bytes(atomic.describe(err).encode("utf-8"))
        raise SystemExit(1) from None
    except BaseException:
        writer.send_bytes(traceback.format_exc().encode("utf-8"))
        raise SystemExit(1) from None  # the parent reports it, once
    writer.send_bytes((_DONE + result).encode("utf-8"))
    writer.close()
