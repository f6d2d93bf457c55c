"""The quarantine folder: refused files, each with `<name>.reason.json` saying why."""

from __future__ import annotations

import shutil
from pathlib import Path

from opsloop.domain.documents import QuarantineReason


def unique_path(folder: Path, name: str, sha256: str | None) -> Path:
    """`folder/name`, or `folder/<stem>-<sha8><suffix>` (then a counter) when that is taken."""
    candidate = folder / name
    if not candidate.exists():
        return candidate
    stem, suffix = Path(name).stem, Path(name).suffix
    tag = (sha256 or "")[:8] or "dup"
    for counter in range(1, 10_000):
        candidate = folder / (f"{stem}-{tag}{suffix}" if counter == 1 else f"{stem}-{tag}-{counter}{suffix}")
        if not candidate.exists():
            return candidate
    raise FileExistsError(f"no free name for {name} in {folder}")


def reason_path(quarantined: Path) -> Path:
    return quarantined.with_name(quarantined.name + ".reason.json")


def write_quarantine(source: Path, folder: Path, reason: QuarantineReason, *, link: bool = False) -> Path:
    """Copy `source` into the quarantine folder and write its reason beside it. The caller removes
    the source once the database knows (so a crash in between loses nothing)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = unique_path(folder, reason.original_name, reason.sha256)
    if source.exists():
        copy_or_link(source, target, link=link)
    reason_path(target).write_text(reason.model_dump_json(indent=2), encoding="utf-8")
    return target


def copy_or_link(source: Path, target: Path, *, link: bool) -> None:
    """Copy via a temporary name and rename. With `link` (the source is about to be removed), a hard
    link is tried first: instant, and no bytes are copied. Never link a file the user keeps."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if link:
        try:
            target.hardlink_to(source)
            return
        except OSError:
            pass
    partial = target.with_name(target.name + ".partial")
    shutil.copyfile(source, partial)
    partial.replace(target)
