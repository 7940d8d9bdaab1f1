"""Durable file writes: an exclusive lock, an atomic whole-file replace, an append under a lock.

Every file the dashboard writes goes through these few functions (the database in db.write,
backups and restores, the users file, the audit log), so that each of them is crash-safe in the
same way: a new version of a file is written to a temporary file in the same folder, flushed to
disk, swapped in with os.replace and the folder flushed, so a reader or a power cut sees the old
file or the new one, never half of one. Writers that must not overlap hold an fcntl lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def locked(path: Path | str) -> Iterator[None]:
    """Hold an exclusive fcntl lock on `path` for the block (waiting while another holds it).

    `path` is either a lock file (created empty when missing and never removed, e.g. the
    writer's ``<db>.lock``) or a folder: a file that is swapped in with os.replace gets a new
    inode, so a lock on the file itself would protect nothing and the lock is on its folder.
    The lock is released when the block ends, and by the system if the process dies."""
    path = Path(path)
    fd = os.open(path, os.O_RDONLY) if path.is_dir() else os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def fsync_file(path: Path | str) -> None:
    """Flush a file's contents to disk."""
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def fsync_dir(folder: Path | str) -> None:
    """Flush a folder's entries to disk (after a rename or a new file in it)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace(tmp: Path | str, path: Path | str) -> None:
    """Install a finished temporary file as `path`: fsync it, os.replace it over `path` (atomic
    within one file system), fsync the folder. After it returns the new file survives a crash."""
    fsync_file(tmp)
    os.replace(tmp, path)
    fsync_dir(Path(path).parent)


def write_atomic(path: Path | str, data: bytes, mode: int | None = 0o600) -> None:
    """Write `data` as the whole new content of `path`: a temporary file in the same folder, fsync,
    os.replace, fsync of the folder. A reader sees the old file or the new one, never half of one;
    on any failure the old file is untouched, no temporary file is left behind, and the error is
    raised. `mode`: the permission bits of the new file (default 0o600, owner only, whatever the
    umask); None: as open() would create it (0o666 less the umask)."""
    path = Path(path)
    folder = path.parent
    tmp = folder / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else mode)
    try:
        with os.fdopen(fd, "wb") as f:
            if mode is not None:
                os.fchmod(f.fileno(), mode)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # the file is in place; a folder that cannot be synced is no error
        fsync_dir(folder)


def append_locked(path: Path | str, data: bytes, mode: int = 0o600) -> None:
    """Append `data` to `path` (created with `mode` when missing) with one write() on a file opened
    O_APPEND, under an exclusive fcntl lock on that file, then fsync: writers in several processes
    never interleave, and a reader holding a shared lock never sees half a record."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, mode)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            written = 0
            while written < len(data):  # one write() in practice; loop only on a short write
                written += os.write(fd, data[written:])
            os.fsync(fd)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def sha256_file(path: Path | str) -> str:
    """The SHA-256 of a file's bytes (read in 1 MiB blocks): the identity an import records for
    each extract and a backup writes beside its copy."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
