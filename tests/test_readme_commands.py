"""The README's commands run as written (issue 14).

Every command in a ```bash block of README.md is either run here or listed in SKIP with the reason.
Each block runs on its own, right after the set-up (a block may use what an earlier command of the
same block made, never what another block made), its commands in order, in a folder that looks
like the repository after `bash scripts/start.sh`: `.venv` (a link to this one), the sample
database at data/ucj_sampel.duckdb (a copy of the session's sample_db, so nothing is rebuilt), and
`ekstrak/` holding the example extracts of data/contoh (the README says to put the offices' files
there). The command text is the README's, with two changes a test needs: a free port instead of
8501/8502, and the users file in that folder (UCJ_USERS) rather than the repository's own.
Servers are started, asked /_stcore/health, and stopped; their start-up output must carry no
warning (nothing a user could act on has a place there).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from ucj_oversight import settings
from ucj_oversight.storage import users

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SAMPLE_DB = "data/ucj_sampel.duckdb"  # what the set-up builds, relative to the repository

# Commands not run here, by their start, with the reason.
SKIP = {
    "bash scripts/start.sh": "the set-up itself: installs packages, then serves until stopped (steps run below)",
    "bash scripts/test.sh": "the test suite itself",
    ".venv/bin/python -m ucj_oversight bench": "benchmark: minutes per run, writes docs/bench (tests/test_bench.py)",
}
PASSWORD = "sandi-readme-yang-panjang"  # typed (here: piped) where a command asks for one
NEW_PASSWORD = "sandi-readme-yang-baru"
ENV_PASSWORDS = {"SANDI_RANI": "sandi-rani-yang-panjang"}  # variables the README's commands read


def bash_blocks(text: str) -> list[list[str]]:
    """The commands of each ```bash block, in order: continuation lines joined, comment lines and
    blank lines dropped (a comment after a command stays: bash ignores it)."""
    blocks = []
    for block in re.findall(r"^```bash\n(.*?)^```", text, flags=re.M | re.S):
        lines = block.replace("\\\n", " ").splitlines()
        blocks.append([line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")])
    return blocks


def bash_commands(text: str) -> list[str]:
    return [c for block in bash_blocks(text) for c in block]


def _skip_reason(command: str) -> str | None:
    return next((why for start, why in SKIP.items() if command.startswith(start)), None)


def _databases(command: str) -> list[str]:
    return re.findall(r"(?:--db\s+|UCJ_DB=)(\S+)", command)


# ---------------------------------------------------------------- without running anything


def test_the_readme_has_the_commands_the_issue_names():
    commands = bash_commands(README.read_text("utf-8"))
    assert any("UCJ_MODE=publik" in c and "ucj_oversight.server" in c for c in commands)
    assert any(" briefing " in c for c in commands)
    assert any(" export " in c for c in commands)
    assert any("users add" in c and "--password-stdin" in c for c in commands)
    assert "bash scripts/start.sh" in commands


def test_setup_builds_the_database_the_commands_use():
    """start.sh builds the sample with build-sample's default path, and that default is the
    data/ucj_sampel.duckdb the README's sample commands name."""
    start = (ROOT / "scripts" / "start.sh").read_text("utf-8")
    assert re.search(r"^\s*\.venv/bin/python -m ucj_oversight build-sample\s*$", start, flags=re.M)
    assert settings.SAMPLE_DB.relative_to(ROOT).as_posix() == SAMPLE_DB


def test_every_database_a_command_reads_exists_by_then():
    """The bug of issue 14: the public-mode and briefing commands pointed at data/ucj.duckdb while
    the set-up builds data/ucj_sampel.duckdb. A command may read the sample database, or one that
    an earlier `ingest --db` (not --dry-run) of its own block created."""
    for block in bash_blocks(README.read_text("utf-8")):
        created = {SAMPLE_DB}
        for command in block:
            for db in _databases(command):
                if " ingest " in command and "--dry-run" not in command:
                    created.add(db)
                elif " ingest " not in command:
                    assert db in created, f"README command reads {db}, which nothing before it creates: {command}"


# ---------------------------------------------------------------- running them


def _repo_after_setup(folder: Path, sample_db: Path) -> Path:
    (folder / "data").mkdir(parents=True)
    (folder / ".venv").symlink_to(ROOT / ".venv")
    shutil.copy2(sample_db, folder / SAMPLE_DB)
    (folder / "ekstrak").mkdir()
    for f in (ROOT / "data" / "contoh").iterdir():
        if f.is_file():
            shutil.copy2(f, folder / "ekstrak" / f.name)
    return folder


def _environment(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UCJ_")}
    env.update(ENV_PASSWORDS, UCJ_USERS=str(folder / "users.toml"), PYTHONUNBUFFERED="1")
    return env


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(command: str, folder: Path, env: dict[str, str]) -> str:
    """Start a server command as written (on a free port), wait for its health answer, stop it;
    returns what it printed."""
    port = _free_port()
    if "--server.port" in command:
        command = re.sub(r"--server\.port\s+\d+", f"--server.port {port}", command)
    else:
        command += f" --server.port {port}"
    log = folder / f"server-{port}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            ["bash", "-c", command],
            cwd=folder,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 90
            while True:
                assert proc.poll() is None, f"server exited ({proc.returncode}): {log.read_text()}"
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                        if r.read().strip() == b"ok":
                            break
                except (urllib.error.URLError, OSError):
                    pass
                assert time.monotonic() < deadline, f"no health answer: {log.read_text()}"
                time.sleep(0.2)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=15)
    return log.read_text("utf-8", errors="replace")


def _run(command: str, folder: Path, env: dict[str, str], stdin: str | None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", command], cwd=folder, env=env, input=stdin, capture_output=True, text=True, timeout=300
    )


def _stdin_for(command: str) -> str | None:
    """What a person would type where the command asks (a password; once is enough off a terminal)."""
    if re.search(r"users (add|passwd) ", command) and "--password-stdin" not in command:
        return (NEW_PASSWORD if " passwd " in command else PASSWORD) + "\n"
    return None


def _check_products(command: str, folder: Path, output: str) -> None:
    """What each kind of command must have produced."""
    users_file = folder / "users.toml"
    if m := re.search(r" briefing .*--out (\S+)", command):
        pdf = folder / m.group(1)
        assert pdf.read_bytes()[:5] == b"%PDF-", command
    elif m := re.search(r" export .*--out (\S+)", command):
        out = folder / m.group(1)
        assert (out / "datapackage.json").is_file() and list(out.glob("*.csv")), command
    elif " ingest " in command:
        db = folder / _databases(command)[0]
        assert db.is_file() == ("--dry-run" not in command), command
    elif m := re.search(r"users add (\S+) --role (\S+)", command):
        user = users.find(users_file, m.group(1))
        assert user is not None and user.role == m.group(2), command
        password = ENV_PASSWORDS["SANDI_RANI"] if "SANDI_RANI" in command else PASSWORD
        assert users.verify(users_file, m.group(1), password) is not None, command
    elif m := re.search(r"users passwd (\S+)", command):
        assert users.verify(users_file, m.group(1), NEW_PASSWORD) is not None, command
    elif m := re.search(r"users remove (\S+)", command):
        assert users.find(users_file, m.group(1)) is None, command
    elif " users list" in command:
        assert {"siti", "budi.it"} <= {line.split()[0] for line in output.splitlines()[1:] if line.strip()}
    elif "ucj_oversight.server" in command:
        assert "You can now view your Streamlit app" in output, output


def _set_up(folder: Path, sample_db: Path) -> dict[str, str]:
    """The folder as the set-up leaves the repository; returns the environment to run commands in.
    The set-up's build-sample step (default data/ucj_sampel.duckdb) runs too: the copy is already
    there, so it must find it and leave it as it is."""
    _repo_after_setup(folder, sample_db)
    env = _environment(folder)
    before = (folder / SAMPLE_DB).stat().st_mtime_ns
    done = _run(f".venv/bin/python -m ucj_oversight build-sample --db {SAMPLE_DB}", folder, env, None)
    assert done.returncode == 0 and done.stdout.strip() == SAMPLE_DB, done.stderr
    assert (folder / SAMPLE_DB).stat().st_mtime_ns == before
    return env


def test_readme_commands_run_as_written(tmp_path, sample_db):
    ran = []
    for n, block in enumerate(bash_blocks(README.read_text("utf-8"))):
        commands = [c for c in block if not _skip_reason(c)]
        if commands:
            folder = tmp_path / f"blok{n}"
            ran += _run_block(commands, folder, _set_up(folder, sample_db))
    # Everything not skipped ran, among it what the issue names.
    assert any("UCJ_MODE=publik" in c for c in ran) and any(" briefing " in c for c in ran)
    assert any(" export " in c for c in ran) and any("--password-stdin" in c for c in ran)


def _run_block(commands: list[str], folder: Path, env: dict[str, str]) -> list[str]:
    ran = []
    for command in commands:
        if m := re.fullmatch(r"export (\w+)=(\S+)(\s+#.*)?", command):
            env[m.group(1)] = m.group(2).strip("'\"")
            continue
        if "ucj_oversight.server" in command:
            output = _serve(command, folder, env)
            # Start-up says where to open the dashboard, and nothing a user cannot act on.
            noise = [line for line in output.splitlines() if re.search(r"warn|traceback|error", line, re.I)]
            assert not noise, f"{command}\n" + "\n".join(noise)
        else:
            done = _run(command, folder, env, _stdin_for(command))
            assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
            assert "echo" not in done.stderr.lower() and "Traceback" not in done.stderr, done.stderr
            output = done.stdout
        _check_products(command, folder, output)
        ran.append(command)
    return ran
