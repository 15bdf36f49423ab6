"""Hostile strings, and a generic walk that puts them into every string field of a DTO.

The walk reads each dataclass's type hints, so a field added to ``casebook.services.dto``
later is covered without touching the tests: every ``str`` or ``str | None`` field gets a
string (even where the sample had None), every ``tuple[str, ...]`` gets hostile items.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

from hypothesis import strategies as st

PASSWD_MARK = "root:x:0:0"

HOSTILE = (
    '<img src="/etc/passwd"/>',
    "<img src='/etc/passwd' width=10 height=10>",
    '<a href="javascript:alert(1)">click</a>',
    '<link href="file:///etc/passwd">x</link>',
    '<a href="file:///etc/passwd" name="n1">y</a>',
    "&bogus; &amp &#0; &#x110000; &#xD800;",
    "<i>unclosed <b>tags",
    "</para></b></font>",
    '<font name="Helvetica" size="200">big</font>',
    '<seq id="x"/><onDraw name="canvas" label="x"/><br/><br/>',
    "<![CDATA[x]]><?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>&e;",
    "control\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9f chars",
    "emoji \U0001f9e8\U0001f4a3 \U0001f469\u200d\U0001f469\u200d\U0001f467 \u2764\ufe0f",
    "\u202eright-to-left override\u202c \u200f\u200e \u061c mark",
    "\u0531\u0580\u0561\u0574 \u058f \u0560 \u0588 \u058d",
    "e\u0301\u0301\u0301 combining",
    "lone \ud800 surrogate \udfff",
    "\uffff\ufffe\ufffd noncharacters",
    "%PDF-1.4 ) ( \\ endstream endobj",
    "javascript:alert(document.domain)",
    "https://example.org/<img src=x>",
    'https://example.org/"><b>',
    "http://" + "a" * 300,
    "w" * 300,
    "\n\n\n" * 30,
    "   ",
    "",
)
LONG_WORD = "\u0540" + "x" * 4999  # 5,000 characters, no space
LONG_TEXT = ("Long field text with words. " * 400)[:10_000]

hostile_text = st.one_of(
    st.sampled_from((*HOSTILE, LONG_WORD, LONG_TEXT)),
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=4).map("".join),
    st.text(max_size=80),
)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _args(hint: Any) -> tuple[Any, ...]:
    return typing.get_args(hint)


def _is_str_hint(hint: Any) -> bool:
    if hint is str:
        return True
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return str in _args(hint)
    return False


def fill(value: Any, hint: Any, draw: Callable[[], str]) -> Any:
    """``value`` with every string position (by its type ``hint``) replaced by ``draw()``."""
    if _is_str_hint(hint):
        return draw()
    if isinstance(value, enum.Enum) or value is None:
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        hints = _hints(type(value))
        changes = {
            f.name: fill(getattr(value, f.name), hints[f.name], draw)
            for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        args = _args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            if args[0] is str:
                return tuple(draw() for _ in range(max(2, len(value))))
            return tuple(fill(item, args[0], draw) for item in value)
        if args and len(args) == len(value):
            return tuple(fill(item, arg, draw) for item, arg in zip(value, args, strict=True))
    return value


def every_field(value: Any, text: str, every: int = 1, other: str = "x") -> Any:
    """``text`` in every string field (or in every ``every``-th one, ``other`` elsewhere)."""
    count = 0

    def draw() -> str:
        nonlocal count
        count += 1
        return text if count % every == 0 else other

    return fill(value, type(value), draw)


def dealt(value: Any, offset: int = 0) -> Any:
    """The hostile strings dealt round the string fields in turn, starting at ``offset``."""
    count = offset

    def draw() -> str:
        nonlocal count
        count += 1
        return HOSTILE[count % len(HOSTILE)]

    return fill(value, type(value), draw)


def string_fields(value: Any) -> int:
    """How many string positions ``fill`` replaces (so a test can assert it saw them)."""
    count = 0

    def draw() -> str:
        nonlocal count
        count += 1
        return ""

    fill(value, type(value), draw)
    return count
