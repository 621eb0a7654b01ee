"""Turn a webhook body (JSON, form or multipart; bytes or text) into a plain dict."""

from __future__ import annotations

import codecs
from typing import Any
from urllib.parse import unquote

import orjson

from ._errors import UnsupportedContentTypeError, WebhookPayloadError
from ._form import fold_pairs
from ._multipart import multipart_pairs

__all__ = ["FORM", "JSON", "MULTIPART", "decode_body", "media_type"]

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
_UTF8 = frozenset({"utf-8", "utf8"})


def media_type(content_type: str | None) -> tuple[str | None, str | None]:
    """The kind of body a Content-Type announces and its charset.

    The kind is :data:`JSON`, :data:`FORM`, :data:`MULTIPART`, or None when the
    header is absent or empty (the body is then sniffed). Anything else raises
    :class:`UnsupportedContentTypeError`.
    """
    if not content_type or not content_type.strip():
        return None, None
    media, _, params = content_type.partition(";")
    media = media.strip().lower()
    charset = _charset(params)
    if media in (JSON, "text/json") or (media.startswith("application/") and media[-5:] == "+json"):
        kind = JSON
    elif media in (FORM, MULTIPART):
        kind = media
    else:
        raise UnsupportedContentTypeError(content_type)
    if charset is not None:
        try:
            codec = codecs.lookup(charset)
        except LookupError:
            codec = None
        # rot13, base64, zlib and the like are codecs but not text encodings:
        # decoding with them raises TypeError deep inside, so refuse them here.
        if codec is None or not getattr(codec, "_is_text_encoding", True):
            raise UnsupportedContentTypeError(content_type, f"unsupported charset {charset!r}")
        charset = codec.name
    return kind, charset


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower() or None
    return None


def decode_body(body: bytes | str, content_type: str | None) -> dict[str, Any]:
    """The body's top-level object; nested form keys become dicts and lists."""
    kind, charset = media_type(content_type)
    if kind is None:
        kind = JSON if _looks_like_json(body) else FORM
    if kind == JSON:
        return _json(body, charset)
    if kind == MULTIPART:
        raw = body.encode("utf-8") if isinstance(body, str) else body
        return fold_pairs(multipart_pairs(raw, content_type or "", charset or "utf-8"))
    return _form(body, charset or "utf-8")


def _looks_like_json(body: bytes | str) -> bool:
    stripped = body.lstrip()
    return stripped[:1] in (b"{", "{", b"[", "[")


def _json(body: bytes | str, charset: str | None) -> dict[str, Any]:
    try:
        if isinstance(body, bytes) and charset is not None and charset not in _UTF8:
            body = body.decode(charset)
        data = orjson.loads(body)
    except (orjson.JSONDecodeError, UnicodeDecodeError) as exc:
        raise WebhookPayloadError(f"body is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise WebhookPayloadError(f"JSON body must be an object, got {type(data).__name__}")
    return data


def _form(body: bytes | str, charset: str) -> dict[str, Any]:
    try:
        text = body.decode(charset) if isinstance(body, bytes) else body
        pairs = [
            (_unquote(name, charset), _unquote(value, charset))
            for name, _, value in (field.partition("=") for field in text.split("&") if field)
        ]
    except UnicodeDecodeError:
        raise WebhookPayloadError(f"form body is not valid {charset}") from None
    return fold_pairs(pairs)


def _unquote(text: str, charset: str) -> str:
    # parse_qsl semantics (keep_blank_values, strict decoding) at half its cost:
    # most webhook fields need no unescaping at all.
    if "+" in text:
        text = text.replace("+", " ")
    if "%" in text:
        text = unquote(text, encoding=charset, errors="strict")
    return text
