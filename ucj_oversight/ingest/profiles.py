"""Source profiles: a named column mapping for an office's layout ("Register SP2D SIPD").

When a file's header uses names the contract does not know ("No. Kartu Peserta" for no_kpj),
the admin maps its columns once on the Unggah page (or with `ucj profile save`); the mapping is
saved as a profile with the header it was made for. A later file whose header is the same (one
of its first rows holds exactly the same column names) gets the profile automatically; the
command line can name one (`ucj ingest --profile NAME`). A profile adds the file's names as
aliases of the contract columns (and takes them away from any other column), so the header
detection, the summary rows and the typing work as for a clean file.

Profiles are kept in one JSON file (settings.profiles_path: UCJ_PROFILES, else
'<database>.profil.json'), written atomically under a lock; every change is in the audit log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from ucj_oversight import settings
from ucj_oversight.ingest import contract, layout
from ucj_oversight.ingest.contract import Kind
from ucj_oversight.storage import atomic, audit

IGNORED = ""  # the target of a file column the admin chose to leave out
MAX_NAME = 60


class ProfileError(ValueError):
    """A profile that cannot be saved or used; the message is for the admin."""


@dataclass(frozen=True)
class Profile:
    name: str
    kind: str
    # File column as written in the header -> contract column ('' = leave the column out).
    columns: dict[str, str]
    # The header it was made for: the normalised names of its header row (sorted), to recognise
    # later files with the same header.
    header: tuple[str, ...] = ()
    changed_by: str = ""
    changed_at: str = ""

    def to_json(self) -> dict:
        return {
            "nama": self.name,
            "jenis": self.kind,
            "kolom": dict(self.columns),
            "header": list(self.header),
            "diubah_oleh": self.changed_by,
            "diubah_pada": self.changed_at,
        }

    @classmethod
    def from_json(cls, d: dict) -> Profile:
        return cls(
            str(d["nama"]),
            str(d["jenis"]),
            {str(k): str(v) for k, v in dict(d.get("kolom", {})).items()},
            tuple(str(x) for x in d.get("header", [])),
            str(d.get("diubah_oleh", "")),
            str(d.get("diubah_pada", "")),
        )

    def describe(self) -> str:
        """'No. Kartu -> no_kpj; Catatan -> (diabaikan)'."""
        return "; ".join(f"{k} → {v or '(diabaikan)'}" for k, v in self.columns.items())


def header_signature(cells: list[object]) -> tuple[str, ...]:
    """The normalised names of a header row, without empty cells and the running-number column."""
    texts = [t for c in cells if (t := layout.cell_text(c)) and not layout.is_number_header(t)]
    names = {contract.normalize_header(t) for t in texts}
    return tuple(sorted(n for n in names if n))


def validate(profile: Profile) -> Profile:
    """The profile checked against the contract: a known kind, a name, targets that are columns
    of the kind, no column mapped twice, and the kind's required columns all reachable."""
    name = " ".join(profile.name.split())
    if not name or len(name) > MAX_NAME:
        raise ProfileError(f"nama profil harus diisi (paling banyak {MAX_NAME} karakter)")
    if profile.kind not in contract.KINDS:
        raise ProfileError(f"jenis '{profile.kind}' tidak dikenal; pilih salah satu: {', '.join(contract.KIND_NAMES)}")
    kind = contract.KINDS[profile.kind]
    names = {c.name for c in kind.columns}
    targets = [t for t in profile.columns.values() if t]
    unknown = sorted(set(targets) - names)
    if unknown:
        raise ProfileError(f"kolom kontrak tidak dikenal untuk jenis '{kind.name}': {', '.join(unknown)}")
    twice = sorted({t for t in targets if targets.count(t) > 1})
    if twice:
        raise ProfileError(f"kolom kontrak dipetakan lebih dari sekali: {', '.join(twice)}")
    for source in profile.columns:
        normalized = contract.normalize_header(source)
        if not normalized:
            raise ProfileError("nama kolom file kosong")
        owner = next((c.name for c in kind.columns if contract.normalize_header(c.name) == normalized), None)
        if owner and profile.columns[source] != owner:
            raise ProfileError(
                f"kolom file '{source}' adalah nama kontrak '{owner}'; tidak dapat dipetakan ke kolom lain"
            )
    return dataclasses.replace(profile, name=name)


def apply(kind: Kind, profile: Profile | None) -> Kind:
    """The kind with the profile's file names as aliases of their contract columns (and no
    longer aliases of any other column; a name mapped to nothing is no one's alias)."""
    if profile is None:
        return kind
    chosen = {contract.normalize_header(k): v for k, v in profile.columns.items()}
    columns = []
    for column in kind.columns:
        aliases = [a for a in column.aliases if contract.normalize_header(a) not in chosen]
        aliases += [source for source, target in chosen.items() if target == column.name]
        columns.append(dataclasses.replace(column, aliases=tuple(dict.fromkeys(aliases))))
    return dataclasses.replace(kind, columns=tuple(columns))


# ---------------------------------------------------------------- the profiles file


def load(path: Path | str | None = None) -> dict[str, Profile]:
    """Every saved profile by name (none when the file does not exist)."""
    path = Path(path) if path is not None else settings.profiles_path()
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {p.name: p for p in map(Profile.from_json, data.get("profil", []))}
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise ProfileError(f"{path.name}: file profil rusak ({type(e).__name__}: {e})") from None


def _locked(path: Path):
    """The lock of the profiles file: on its folder (the file itself is swapped in atomically)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic.locked(path.parent)


def _write(path: Path, profiles: dict[str, Profile]) -> None:
    body = {"versi": 1, "profil": [p.to_json() for p in sorted(profiles.values(), key=lambda p: p.name.lower())]}
    atomic.write_atomic(path, (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def save(profile: Profile, actor: str | None, path: Path | str, audit_file: Path | str) -> Profile:
    """Create or replace a profile (by name); the change goes to the audit log with the mapping
    before and after."""
    path = Path(path)
    profile = validate(profile)
    stamp = dt.datetime.now(audit.WIB).isoformat(timespec="seconds")
    profile = dataclasses.replace(profile, changed_by=actor or "?", changed_at=stamp)
    with _locked(path):
        profiles = load(path)
        before = profiles.get(profile.name)
        profiles[profile.name] = profile
        _write(path, profiles)
    audit.record(
        audit_file,
        "profil_diubah" if before else "profil_dibuat",
        actor,
        profil=profile.name,
        jenis=profile.kind,
        kolom=profile.describe(),
        sebelumnya=before.describe() if before else None,
    )
    return profile


def remove(name: str, actor: str | None, path: Path | str, audit_file: Path | str) -> None:
    path = Path(path)
    with _locked(path):
        profiles = load(path)
        if name not in profiles:
            raise ProfileError(f"profil '{name}' tidak ada")
        gone = profiles.pop(name)
        _write(path, profiles)
    audit.record(audit_file, "profil_dihapus", actor, profil=name, jenis=gone.kind, kolom=gone.describe())


def get(name: str, path: Path | str | None = None) -> Profile:
    profiles = load(path)
    if name not in profiles:
        known = ", ".join(sorted(profiles)) or "belum ada"
        raise ProfileError(f"profil '{name}' tidak ada (profil tersimpan: {known})")
    return profiles[name]


def matching(head: list[tuple[str | None, list[list[object]]]], profiles: dict[str, Profile]) -> Profile | None:
    """The profile made for this header: one of the first rows (of any sheet) has exactly its
    header names, or a two-level header does (its lower row's names all in the profile, the
    profile's all in the two rows). None when no profile, or more than one, fits."""
    if not profiles:
        return None
    found = []
    for p in profiles.values():
        wanted = set(p.header)
        if not wanted:
            continue
        for _, rows in head:
            sigs = [set(header_signature(r)) for r in rows[: layout.HEADER_WINDOW]]
            pairs = zip(sigs, sigs[1:] + [set()])
            if any(wanted == a or (a and b and b <= wanted <= a | b) for a, b in pairs):
                found.append(p)
                break
    return found[0] if len(found) == 1 else None


def header_from(head: list[tuple[str | None, list[list[object]]]], columns: dict[str, str]) -> tuple[str, ...]:
    """The header a profile is made for: of the first rows of a file (classify.head_rows), the
    row holding most of the mapped file columns (the first of equals)."""
    sources = {contract.normalize_header(k) for k in columns}
    best, best_n = (), 0
    for _, rows in head:
        for r in rows[: layout.HEADER_WINDOW]:
            sig = header_signature(r)
            n = len(sources & set(sig))
            if n > best_n:
                best, best_n = sig, n
    if not best:
        raise ProfileError("tidak ada baris header yang memuat kolom file yang dipetakan")
    return best
