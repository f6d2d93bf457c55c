"""The Tesseract binary: found or not, its installed languages, and one page image through it.

Tesseract is an optional system package. Nothing here raises for its absence: `ocr_status` says
whether OCR can run and, when it cannot, what to install or change.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from opsloop.errors import OpsloopError
from opsloop.ocr.layout import OcrWord, parse_tsv
from opsloop.settings import OcrSettings

log = logging.getLogger(__name__)
INSTALL_HINT = (
    "install Tesseract (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-deu tesseract-ocr-fra "
    "tesseract-ocr-nld, and tesseract-ocr-spa, -ita, -por, -pol ... for scans in those languages), then "
    "`opsloop retry ID`"
)
PAGE_SEGMENTATION = "4"
"""`--psm 4`: one column of text of varying sizes. A page's lines run across its full width, so a table
row stays one line (the automatic mode cuts pages into blocks and reads the columns apart)."""
TUNING = ("-c", "textord_min_linesize=2.5")
"""Larger minimum line size: keeps two closely set lines of different type sizes (a bold value beside a
label, next to a larger address line) from being merged into one unreadable line."""


class OcrFailed(OpsloopError):
    """Tesseract could not read a page (it failed, timed out or is missing)."""

    hint = "Check the Tesseract installation (`tesseract --version`); the page is skipped."


@dataclass(frozen=True)
class OcrStatus:
    """Whether OCR can run now, with what, and (when it cannot) why."""

    available: bool
    reason: str
    binary: str | None = None
    languages: str | None = None
    """The `-l` argument: the configured languages that are installed, joined with `+`."""


@lru_cache(maxsize=8)
def _installed_languages(binary: str) -> tuple[str, ...]:
    try:
        done = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    lines = (done.stdout + "\n" + done.stderr).splitlines()
    return tuple(
        line.strip() for line in lines if line.strip() and " " not in line.strip() and ":" not in line
    )


def installed_languages(binary: str) -> tuple[str, ...]:
    """The language packs the Tesseract at `binary` has (`tesseract --list-langs`)."""
    return _installed_languages(binary)


def find_tesseract(command: str = "tesseract") -> str | None:
    """The full path of the Tesseract binary (`command` on PATH, or a path), or None."""
    return shutil.which(command)


OCR_UNAVAILABLE = "OCR is not available"
"""How a scan's note begins when OCR could not run at all (not installed, switched off): such a scan
is worth reading again once it can; one OCR read and found nothing in is not."""


def ocr_status(settings: OcrSettings) -> OcrStatus:
    """Can OCR run with these settings? `enabled=None` means: when the binary is found."""
    if settings.enabled is False:
        return OcrStatus(False, "OCR is switched off (OPSLOOP_OCR__ENABLED=false)")
    binary = find_tesseract(settings.command)
    if binary is None:
        return OcrStatus(False, f"the Tesseract binary ({settings.command!r}) was not found: {INSTALL_HINT}")
    installed = installed_languages(binary)
    wanted = [lang for lang in settings.languages.split("+") if lang.strip()]
    usable = [lang for lang in wanted if lang in installed]
    if not usable:
        fallback = "eng" if "eng" in installed else next((x for x in installed if x != "osd"), None)
        if fallback is None:
            return OcrStatus(False, f"Tesseract has no language data installed: {INSTALL_HINT}", binary)
        usable = [fallback]
    reason = f"Tesseract ({'+'.join(usable)})"
    missing = [lang for lang in wanted if lang not in installed]
    if missing:
        packages = " ".join(f"tesseract-ocr-{lang}" for lang in missing)
        reason += f"; {'+'.join(missing)} not installed (apt-get install {packages})"
        _log_once(
            f"OCR reads with {'+'.join(usable)}: {'+'.join(missing)} not installed (apt-get install {packages})"
        )
    return OcrStatus(True, reason, binary, "+".join(usable))


@lru_cache(maxsize=32)
def _log_once(message: str) -> None:
    log.warning(message)


def recognise_image(
    image: bytes,
    status: OcrStatus,
    *,
    dpi: int,
    timeout_seconds: float,
    segmentation: str = PAGE_SEGMENTATION,
    tuned: bool = True,
) -> list[OcrWord]:
    """The words Tesseract reads on one page image (any format Leptonica reads: PGM, PNG, ...), a page
    (`PAGE_SEGMENTATION`, with `TUNING` unless not `tuned`) or another `--psm` `segmentation` (as Tesseract
    tunes it).
    Raises OcrFailed when Tesseract fails, times out or is not available."""
    if not status.available or status.binary is None or status.languages is None:
        raise OcrFailed(f"{OCR_UNAVAILABLE}: {status.reason}")
    command = [status.binary, "stdin", "stdout", "--dpi", str(dpi), "--psm", segmentation]
    command += [
        "-l",
        status.languages,
        *(TUNING if tuned and segmentation == PAGE_SEGMENTATION else ()),
        "tsv",
    ]
    try:
        done = subprocess.run(
            command,
            input=image,
            capture_output=True,
            timeout=timeout_seconds,
            check=False,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},  # one thread per page: the pipeline parallelises
        )
    except subprocess.TimeoutExpired as error:
        raise OcrFailed(f"Tesseract did not finish within {timeout_seconds:g} s") from error
    except OSError as error:
        raise OcrFailed(f"Tesseract could not be started: {error}") from error
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailed(f"Tesseract exited with {done.returncode}: {detail[-1] if detail else 'no message'}")
    return parse_tsv(done.stdout.decode("utf-8", "replace"))
