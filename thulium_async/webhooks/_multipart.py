"""multipart/form-data bodies, read with the standard library's MIME parser.

PHP's cURL sends an array of POST fields this way, so a PHP sender may well use
it; fields carrying a file name are skipped, webhooks carry none.
"""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from ._errors import WebhookPayloadError

__all__ = ["multipart_pairs"]


def multipart_pairs(body: bytes, content_type: str, charset: str) -> list[tuple[str, str]]:
    """The text fields of a multipart/form-data body, in order."""
    head = b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n"
    message = BytesParser(policy=policy.HTTP).parsebytes(head + body)
    if not isinstance(message, EmailMessage) or not message.is_multipart() or message.defects:
        raise WebhookPayloadError("malformed multipart/form-data body")
    pairs: list[tuple[str, str]] = []
    for part in message.iter_parts():
        if not isinstance(part, EmailMessage):
            continue
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or part.get_filename() is not None:
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        try:
            pairs.append((name, data.decode(part.get_content_charset() or charset)))
        except (LookupError, UnicodeDecodeError):
            raise WebhookPayloadError(f"field is not valid {charset}", field=name) from None
    return pairs
