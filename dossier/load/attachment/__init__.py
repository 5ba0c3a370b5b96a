"""Attachments as they come from scanners, phones and government portals, made safe and ready to bind.

``kinds`` (what a file is, by its content), ``pdf`` and ``image`` (reading, repairing, converting),
``sandbox`` (all of that in a child process with a time and memory limit), ``stored`` (what reading gave,
kept in a build's output for the next), ``limits``, ``prepared``
(the outcome: what to bind, the warnings, or one sentence that says why the file is refused); ``marks``
(the images of the company's seal and its people's signatures).
"""

from .kinds import KINDS, sniff
from .limits import ATTACHMENT_LIMITS, AttachmentLimits
from .marks import MARK_LIMITS, MarkImage, read_mark
from .prepared import Blob, Prepared
from .sandbox import prepare_attachment, recording, remember, start_reader, use_stored
from .stored import StoredAnswers, answer_files

__all__ = ["KINDS", "sniff", "ATTACHMENT_LIMITS", "AttachmentLimits", "Blob", "Prepared", "prepare_attachment",
           "recording", "remember", "start_reader", "use_stored", "StoredAnswers", "answer_files",
           "MARK_LIMITS", "MarkImage", "read_mark"]
