"""Many council members at once: N browser sessions open Ringkasan, then Cakupan, at the same time.

Not a test (timings never go in tests; tests/test_concurrency.py checks the numbers only). Prints,
per page, p50 / p95 / max of the time from navigation (or the menu click) until the page is
rendered: the script run is over, no skeleton is left, every Plotly chart is drawn (the moment
that state began, measured inside the page), and the time from server start to the first
rendered page. Also checks that every session saw the same title, cards and chart texts, and
prints the CPU time the server process used during each wave (from /proc).

    .venv/bin/python -m ucj_oversight ingest --db /tmp/ucj1m.duckdb bench-cache/iuran-1000000/data
    .venv/bin/python scripts/measure_concurrency.py --db /tmp/ucj1m.duckdb                 # 20 sessions
    .venv/bin/python scripts/measure_concurrency.py --db /tmp/ucj1m.duckdb --sessions 1 5 20   # profile

The server is started as deployed (`python -m ucj_oversight.server`, via tests/browser.py).
Each round starts a fresh server (cold: nothing cached, nothing imported), measures one session
alone (the first page after start), then N sessions together on that now-warm server, then,
with --cold, N sessions together on another fresh server (all N miss the cache together).
Public mode by default (no log-in per context); --mode internal logs every context in first
(not timed) and then times the two menu clicks Ringkasan -> Cakupan.
The older option names --sesi and --dingin still work.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402  (tests/browser.py: server helpers, selectors, JS predicates)

from ucj_oversight.text.labels import t  # noqa: E402

DESKTOP = {"width": 1280, "height": 900}
TIMEOUT_MS = 300_000

# Rendered and stayed so for 150 ms; window.__ucjReadyAt = performance.now() when it began.
# "Rendered" = Streamlit idle (tests/browser.py) + every Plotly chart drawn + the page's title
# and at least one chart are there. The last part matters: a session can sit idle with an
# empty main area for a moment (noted in window.__ucjEmpty, reported below), which the idle
# test alone would count as rendered.
_JS_READY = """(ms) => {
  const idle = (__IDLE__)() && (__CHARTS__)();
  const content = !!document.querySelector('[data-testid="stHeading"] h1')
    && !!document.querySelector('[data-testid="stPlotlyChart"]');
  if (idle && !content && !window.__ucjEmpty)
    window.__ucjEmpty = {at: Math.round(performance.now()), url: location.href,
                         text: document.body.innerText.slice(0, 300)};
  if (!(idle && content)) { window.__ucjReadyAt = null; return false; }
  if (window.__ucjReadyAt == null) window.__ucjReadyAt = performance.now();
  return performance.now() - window.__ucjReadyAt >= ms;
}""".replace("__IDLE__", browser._JS_IDLE).replace("__CHARTS__", browser._JS_CHARTS_READY)


def server_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) the server process has used so far; None without /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_since(pid: int, start: float | None) -> float | None:
    now = server_cpu(pid)
    return None if now is None or start is None else now - start


def percentile(xs: list[float], p: float) -> float:
    """Nearest-rank percentile (p95 of 20 values is the 19th smallest)."""
    s = sorted(xs)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


async def wait_ready(page) -> float:
    """Wait until rendered; returns the epoch ms (browser clock) when the rendered state began."""
    await page.wait_for_function(_JS_READY, arg=150, polling=25, timeout=TIMEOUT_MS)
    return await page.evaluate("() => performance.timeOrigin + window.__ucjReadyAt")


async def log_in(page, username: str, password: str) -> None:
    form = page.locator('[data-testid="stForm"]')
    await form.locator("input").first.fill(username)
    await form.locator('input[type="password"]').fill(password)
    await form.locator('[data-testid="stFormSubmitButton"] button').click()
    await page.wait_for_selector(browser.S_NAV_LINK, state="attached", timeout=TIMEOUT_MS)
    await wait_ready(page)


async def click_nav(page, title: str) -> float:
    """Click a menu link; ms from the click until that page is rendered."""
    await page.evaluate(browser._JS_WATCH_RERUN)
    t0 = await page.evaluate("() => performance.timeOrigin + performance.now()")
    await page.locator(browser.S_NAV_LINK).filter(has=page.get_by_text(title, exact=True)).click(timeout=TIMEOUT_MS)
    # The run has started: forget when the previous page became ready. Without this a rerun
    # that finishes between two polls (cached figures: ~30 ms) was never seen as "not ready",
    # and the previous page's moment was returned (negative times).
    await page.wait_for_function(
        "() => window.__ucjRerun === true && ((window.__ucjReadyAt = null) === null)", polling=20, timeout=TIMEOUT_MS
    )
    return await wait_ready(page) - t0


async def one_session(b, url: str, mode: str, credentials, go: asyncio.Event) -> dict:
    ctx = await b.new_context(viewport=DESKTOP)
    try:
        page = await ctx.new_page()
        result = {}
        if mode == "internal":
            await page.goto(url + "/", wait_until="domcontentloaded", timeout=TIMEOUT_MS)
            await page.wait_for_selector(browser.S_PASSWORD, timeout=TIMEOUT_MS)
            await log_in(page, *credentials)
            await page.wait_for_url("**/ringkasan**", timeout=TIMEOUT_MS)
            await wait_ready(page)
            await click_nav(page, t("hal_klaim", "id"))
            await go.wait()
            result["ringkasan"] = await click_nav(page, t("hal_ringkasan", "id"))
        else:
            await go.wait()
            t0 = time.time() * 1000
            await page.goto(url + "/ringkasan", wait_until="commit", timeout=TIMEOUT_MS)
            result["ringkasan"] = await wait_ready(page) - t0
        result["empty"] = await page.evaluate("() => window.__ucjEmpty || null")
        result["numbers_ringkasan"] = await page.evaluate(browser._JS_NUMBERS)
        result["cakupan"] = await click_nav(page, t("hal_cakupan", "id"))
        result["numbers_cakupan"] = await page.evaluate(browser._JS_NUMBERS)
        errors = await page.locator(browser.S_EXCEPTION).all_inner_texts()
        if errors:
            raise RuntimeError("exception on the page: " + "\n".join(errors)[:2000])
        return result
    finally:
        await ctx.close()


async def wave(b, url: str, n: int, mode: str, credentials) -> dict:
    """n sessions; in public mode they all navigate at the same instant; in internal mode they
    log in first (untimed) and then all click at the same instant."""
    go = asyncio.Event()
    tasks = [asyncio.create_task(one_session(b, url, mode, credentials, go)) for _ in range(n)]
    if mode == "internal":
        await asyncio.sleep(0)
        # wait until every session is logged in and parked on Klaim
        while not all(task.done() for task in tasks) and len(go._waiters) < n:  # noqa: SLF001
            await asyncio.sleep(0.1)
    go.set()
    results = await asyncio.gather(*tasks)
    empty = [r["empty"] for r in results if r["empty"]]
    if empty:
        print(
            f"  {len(empty)} of {n} sessions were idle with an empty page before Ringkasan drew, e.g. "
            f"{json.dumps(empty[0], ensure_ascii=False)[:400]}",
            flush=True,
        )
    out = {}
    for name in ("ringkasan", "cakupan"):
        xs = [r[name] / 1000 for r in results]
        numbers = {json.dumps(r["numbers_" + name], sort_keys=True, ensure_ascii=False) for r in results}
        if len(numbers) > 1:  # keep the evidence
            evidence = Path(f"/tmp/measure_concurrency/berbeda-{name}-{int(time.time())}.json")
            evidence.parent.mkdir(parents=True, exist_ok=True)
            evidence.write_text("[\n" + ",\n".join(sorted(numbers)) + "\n]\n", encoding="utf-8")
            print(f"  {name}: {len(numbers)} different sets of numbers, written to {evidence}", flush=True)
        out[name] = {
            "n": n,
            "p50": statistics.median(xs),
            "p95": percentile(xs, 95),
            "max": max(xs),
            "different": len(numbers),
        }
    return out


def line(label: str, r: dict) -> str:
    return f"{label:34s} " + "  ".join(
        f"{name}: p50 {r[name]['p50']:5.2f} p95 {r[name]['p95']:5.2f} max {r[name]['max']:5.2f} s"
        + ("" if r[name]["different"] == 1 else f" !! {r[name]['different']} different sets of numbers")
        for name in ("ringkasan", "cakupan")
    )


def loadavg() -> str:
    try:
        return Path("/proc/loadavg").read_text().strip()
    except OSError:
        return "?"


async def one_round(db: Path, sessions: list[int], mode: str, cold: bool, log_dir: Path) -> list[tuple]:
    from playwright.async_api import async_playwright

    env = {"UCJ_MODE": "publik"} if mode == "publik" else {}
    credentials = None
    if mode == "internal":
        from ucj_oversight.storage import users

        users_file = log_dir / "users.toml"
        if not users_file.exists():
            users.add(users_file, "ukur", "sandi-ukur-yang-panjang", "anggota")
        env.update(UCJ_USERS=str(users_file), UCJ_AUDIT=str(log_dir / "audit.jsonl"))
        credentials = ("ukur", "sandi-ukur-yang-panjang")
    results = []
    async with async_playwright() as p:
        b = await p.chromium.launch(executable_path=browser.CHROMIUM, headless=True, args=browser.CHROMIUM_ARGS)
        # Chromium itself warmed up once (a council member's browser is already running).
        ctx = await b.new_context()
        await (await ctx.new_page()).goto("about:blank")
        await ctx.close()
        t_start = time.time()
        server = browser.start_server(db, log_dir=log_dir, extra_env=env)
        t_healthy = time.time()
        pid = server.proc.pid
        try:
            # The first page after start: one session, nothing cached or imported yet.
            c0 = server_cpu(pid)
            r1 = await wave(b, server.url, 1, mode, credentials)
            first = r1["ringkasan"]["p50"]
            results.append(("server CPU: start and first session", cpu_since(pid, 0.0)))
            results.append(("server CPU: first session", cpu_since(pid, c0)))
            results.append(("server start -> /_stcore/health ok", t_healthy - t_start))
            results.append(("first page after start (1 session)", first))
            results.append(("server start -> first page rendered", t_healthy - t_start + first))
            results.append(("first session, then Cakupan", r1["cakupan"]["p50"]))
            print(f"  load {loadavg()}", flush=True)
            for n in sessions:
                c0 = server_cpu(pid)
                r = await wave(b, server.url, n, mode, credentials)
                results.append((f"{n} sessions together, warm server", r))
                print(line(results[-1][0], r), f"| load {loadavg()}", flush=True)
                results.append(("  server CPU during that wave", cpu_since(pid, c0)))
        finally:
            server.stop()
        if cold:
            for n in sessions:
                server = browser.start_server(db, log_dir=log_dir, extra_env=env)
                pid = server.proc.pid
                try:
                    c0 = server_cpu(pid)
                    r = await wave(b, server.url, n, mode, credentials)
                    cpu = cpu_since(pid, c0)
                finally:
                    server.stop()
                results.append((f"{n} sessions together, cold server", r))
                print(line(results[-1][0], r), f"| load {loadavg()}", flush=True)
                results.append(("  server CPU during that wave", cpu))
        await b.close()
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="database (e.g. the 1M-row bench sample, ingested)")
    ap.add_argument("--sessions", "--sesi", type=int, nargs="+", default=[20], help="sessions per wave (default 20)")
    ap.add_argument("--mode", choices=["publik", "internal"], default="publik")
    ap.add_argument("--cold", "--dingin", action="store_true", help="also N sessions on a freshly started server")
    ap.add_argument("--log-dir", type=Path, default=Path("/tmp/measure_concurrency"))
    a = ap.parse_args()
    a.log_dir.mkdir(parents=True, exist_ok=True)
    print(
        f"measure_concurrency db={a.db} mode={a.mode} sessions={a.sessions} cpus={os.cpu_count()} "
        f"python={platform.python_version()} load={loadavg()}",
        flush=True,
    )
    results = asyncio.run(one_round(a.db.resolve(), a.sessions, a.mode, a.cold, a.log_dir))
    print()
    for label, r in results:
        if r is None:
            continue
        if isinstance(r, dict):
            print(line(label, r))
        elif label.lstrip().startswith("server CPU"):
            print(f"{label:34s} {r:5.2f} s CPU")
        else:
            print(f"{label:34s} {r:5.2f} s")
    print(f"load {loadavg()}")


if __name__ == "__main__":
    main()
