"""Publish a folder atomically: stage it in a temporary folder, swap the whole folder in only when all is well.

Every published output lives in ONE folder (``dataset/package/``). A build writes a complete new package
into ``dataset/.staging-*/`` and publishes it with a single ``renameat2(RENAME_EXCHANGE)`` of the staging
folder with the package folder (Linux, via ctypes on libc): a reader sees either the old package or the
new one, never a mixture. The first build, which has no package to exchange with, uses one plain
``rename``. The old package (now under the staging name) is removed afterwards. ``kyrgyz-events synth``
(:func:`replaced`) and ``migrate`` (:func:`staging_beside`, then :func:`publish`) stage their output
folders the same way.

Where ``renameat2`` is unavailable (not Linux, an old libc, a filesystem that refuses the flag) the
fallback is two renames: the old package aside to ``.previous-*``, then the staged one in. Between the two
a reader finds no ``package/`` at all (never a mixed one); a build killed there is repaired by the next
build, which puts ``.previous-*`` back before doing anything else.

Builds are serialised by ``fcntl.flock`` on ``dataset/.build.lock``: a second build waits up to a timeout,
then refuses with :class:`BuildLocked`. Under the lock, the leftovers of a killed build (``.staging-*``,
``.previous-*``) are removed (and reported) before staging starts; they are also ignored by git.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: The folder, inside the dataset folder, that holds every published output.
PACKAGE = "package"
#: The lock file, inside the dataset folder, that serialises builds.
LOCK = ".build.lock"
STAGING_PREFIX = ".staging-"
PREVIOUS_PREFIX = ".previous-"

#: Named points of a publication, in order; tests kill the build at each (see ``_checkpoint``).
STEPS = ("locked", "staging-created", "staged", "swapped", "old-partly-removed", "done")
#: The extra point the two-rename fallback passes between its renames.
FALLBACK_STEP = "old-moved-aside"

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2 if sys.platform.startswith("linux") else 0


class BuildLocked(Exception):
    """Another build holds the dataset folder's lock for longer than the caller was willing to wait."""


def _checkpoint(step: str) -> None:
    """A named point of the publication. Does nothing; the crash tests replace it to kill the process here."""


def _libc_renameat2() -> object | None:
    if not _RENAME_EXCHANGE:
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


def exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two existing paths; False when this system cannot (the caller falls back)."""
    fn = _libc_renameat2()
    if fn is None:
        return False
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:  # type: ignore[operator]
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, f"renameat2({a}, {b}, RENAME_EXCHANGE): {os.strerror(err)}")


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - not every platform opens folders
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _remove_old(old: Path) -> None:
    """Remove a replaced package; the first file goes before a checkpoint, so the crash test sees a half-removed one."""
    first = next((p for p in sorted(old.rglob("*")) if p.is_file()), None)
    if first is not None:
        first.unlink()
    _checkpoint("old-partly-removed")
    shutil.rmtree(old, ignore_errors=True)


def publish(staging: Path, target: Path) -> None:
    """Replace ``target`` (a folder, possibly absent) by ``staging`` in one step; remove the old one after."""
    parent = target.parent
    if not target.exists():
        staging.rename(target)  # one rename onto a free name: atomic
        _fsync_dir(parent)
        _checkpoint("swapped")
        _checkpoint("old-partly-removed")
        return
    if exchange(staging, target):
        _fsync_dir(parent)
        _checkpoint("swapped")
        _remove_old(staging)  # the staging name now holds the old package
        return
    # Fallback: two renames; a kill between them leaves .previous-* for recover() to put back.
    aside = Path(tempfile.mkdtemp(prefix=PREVIOUS_PREFIX, dir=parent))
    aside.rmdir()
    target.rename(aside)
    _checkpoint(FALLBACK_STEP)
    staging.rename(target)
    _fsync_dir(parent)
    _checkpoint("swapped")
    _remove_old(aside)


def recover(root: Path) -> list[str]:
    """Clean the leftovers of a killed build in ``root`` (call under the lock); returns what was done.

    A ``.previous-*`` folder with no ``package/`` is the fallback killed between its renames: it is put
    back. Every other ``.staging-*`` / ``.previous-*`` folder is an abandoned build and is removed."""
    done: list[str] = []
    target = root / PACKAGE
    leftovers = sorted(p for p in root.iterdir() if p.name.startswith((STAGING_PREFIX, PREVIOUS_PREFIX)))
    for path in leftovers:
        if path.name.startswith(PREVIOUS_PREFIX) and not target.exists() and path.is_dir():
            path.rename(target)
            done.append(f"restored {path.name} as {PACKAGE}/ (a build was killed during the fallback swap)")
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        done.append(f"removed {path.name} (left by a build that was killed)")
    return done


@contextmanager
def locked(root: Path, timeout: float = 60.0, poll: float = 0.1) -> Iterator[None]:
    """Hold the exclusive build lock of ``root``; wait up to ``timeout`` seconds, else raise BuildLocked.

    Uses ``fcntl.flock`` (released by the kernel when the holder dies, so a killed build never leaves a
    stale lock). Where ``fcntl`` does not exist (Windows) builds are not serialised."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    root.mkdir(parents=True, exist_ok=True)
    lock = root / LOCK
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                _checkpoint("locked")
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLocked(
                        f"another build of {root} is running (it holds {lock}); waited {timeout:g} s. "
                        "Try again when it has finished, or pass a longer --wait."
                    ) from None
                time.sleep(poll)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextmanager
def staged(root: Path, names: list[str]) -> Iterator[Path]:
    """Yield an empty staging folder inside ``root``; on normal exit publish it as ``root/package``.

    The staging folder must then hold exactly ``names`` (the build's ``OUTPUTS``): a missing or an
    unexpected output is a bug and publishes nothing. Call under :func:`locked`."""
    root.mkdir(parents=True, exist_ok=True)
    with replaced(root / PACKAGE, names) as stage:
        yield stage


@contextmanager
def staging_beside(target: Path) -> Iterator[Path]:
    """Yield an empty staging folder next to ``target`` (on its filesystem, so :func:`publish` can rename
    it into place); whatever it still holds on exit is removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the published folder is an ordinary one
    _checkpoint("staging-created")
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def replaced(target: Path, names: list[str]) -> Iterator[Path]:
    """Yield an empty staging folder next to ``target``; on normal exit, when it holds exactly ``names``,
    it replaces the folder ``target`` (created if absent) in one step (:func:`publish`)."""
    with staging_beside(target) as staging:
        yield staging
        present = sorted(p.name for p in staging.iterdir())
        if present != sorted(names):
            raise RuntimeError(f"staged outputs {present} are not the outputs {sorted(names)}")
        _checkpoint("staged")
        publish(staging, target)
        _checkpoint("done")
