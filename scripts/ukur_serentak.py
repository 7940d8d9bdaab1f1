"""Many council members at once: N browser sessions open Ringkasan, then Cakupan, at the same time.

Not a test (timings never go in tests; tests/test_serentak.py checks the numbers only). Prints,
per page, p50 / p95 / max of the time from navigation (or the sidebar click) until the page is
rendered: the script run is over, no skeleton is left, every Plotly chart is drawn (the moment
that state began, measured inside the page), and the time from server start to the first
rendered page. Also checks that every session saw the same title, cards and chart texts.

    .venv/bin/python -m ucj_oversight ingest --db /tmp/ucj1m.duckdb bench-cache/iuran-1000000/data
    .venv/bin/python scripts/ukur_serentak.py --db /tmp/ucj1m.duckdb                 # 20 sessions
    .venv/bin/python scripts/ukur_serentak.py --db /tmp/ucj1m.duckdb --sesi 1 5 20   # profile

The server is started as deployed (`python -m ucj_oversight.server`, via tests/browser.py).
Each round starts a fresh server (cold: nothing cached, nothing imported), measures one session
alone (the first page after start), then N sessions together on that now-warm server, then,
with --dingin, N sessions together on another fresh server (all N miss the cache together).
Public mode by default (no log-in per context); --mode internal logs every context in first
(not timed) and then times the two sidebar clicks Ringkasan -> Cakupan.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))
sys.path.insert(0, str(AKAR / "tests"))

import browser  # noqa: E402  (tests/browser.py: server helpers, selectors, JS predicates)
from ucj_oversight.text.labels import t  # noqa: E402

DESKTOP = {"width": 1280, "height": 900}
BATAS_MS = 300_000

# Rendered and stayed so for 150 ms; window.__ucjSiapPada = performance.now() when it began.
# "Rendered" = Streamlit idle (tests/browser.py) + every Plotly chart drawn + the page's title
# and at least one chart are there. The last part matters: a session can sit idle with an
# empty main area for a moment (noted in window.__ucjKosong, reported below), which the idle
# test alone would count as rendered.
_JS_SIAP = """(ms) => {
  const idle = (%s)() && (%s)();
  const isi = !!document.querySelector('[data-testid="stHeading"] h1')
    && !!document.querySelector('[data-testid="stPlotlyChart"]');
  if (idle && !isi && !window.__ucjKosong)
    window.__ucjKosong = {pada: Math.round(performance.now()), url: location.href,
                          teks: document.body.innerText.slice(0, 300)};
  if (!(idle && isi)) { window.__ucjSiapPada = null; return false; }
  if (window.__ucjSiapPada == null) window.__ucjSiapPada = performance.now();
  return performance.now() - window.__ucjSiapPada >= ms;
}""" % (browser._JS_IDLE, browser._JS_GRAFIK_SIAP)


# Loaded into the Streamlit server through PYTHONPATH (measurement only; the app is untouched):
# logs every script run's wall time and the CPU time of its thread (the server's side of a page).
_SITECUSTOMIZE = """
import json, os, threading, time
try:
    from streamlit.runtime.scriptrunner import script_runner as _sr
    _asli = _sr.ScriptRunner._run_script
    _kunci = threading.Lock()
    def _run_script(self, rerun_data):
        t0, c0 = time.time(), time.thread_time()
        try:
            return _asli(self, rerun_data)
        finally:
            baris = json.dumps({"mulai": t0, "detik": time.time() - t0, "cpu": time.thread_time() - c0,
                                "halaman": getattr(rerun_data, "page_name", None)})
            with _kunci, open(os.environ["UCJ_UKUR_LOG"], "a") as f:
                f.write(baris + "\\n")
    _sr.ScriptRunner._run_script = _run_script
except Exception as e:  # pragma: no cover
    print("ukur_serentak sitecustomize:", e)
"""


def run_server(log: Path, dari: float, sampai: float) -> dict | None:
    """Script runs that started in [dari, sampai]: count, p50/p95/max wall time, total CPU."""
    try:
        runs = [json.loads(b) for b in log.read_text().splitlines() if b.strip()]
    except OSError:
        return None
    runs = [r for r in runs if dari <= r["mulai"] <= sampai]
    if not runs:
        return None
    xs = [r["detik"] for r in runs]
    return {"runs": len(runs), "p50": statistics.median(xs), "p95": persentil(xs, 95), "max": max(xs),
            "cpu": sum(r["cpu"] for r in runs)}


def persentil(xs: list[float], p: float) -> float:
    """Nearest-rank percentile (p95 of 20 values is the 19th smallest)."""
    s = sorted(xs)
    import math
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


async def tunggu_siap(page) -> float:
    """Wait until rendered; returns the epoch ms (browser clock) when the rendered state began."""
    await page.wait_for_function(_JS_SIAP, arg=150, polling=25, timeout=BATAS_MS)
    return await page.evaluate("() => performance.timeOrigin + window.__ucjSiapPada")


async def masuk(page, nama: str, sandi: str) -> None:
    form = page.locator('[data-testid="stForm"]')
    await form.locator("input").first.fill(nama)
    await form.locator('input[type="password"]').fill(sandi)
    await form.locator('[data-testid="stFormSubmitButton"] button').click()
    await page.wait_for_selector(browser.S_NAV_LINK, state="attached", timeout=BATAS_MS)
    await tunggu_siap(page)


async def klik_nav(page, judul: str) -> float:
    """Click a sidebar page link; ms from the click until that page is rendered."""
    await page.evaluate(browser._JS_AMATI_RERUN)
    t0 = await page.evaluate("() => performance.timeOrigin + performance.now()")
    await page.locator(browser.S_NAV_LINK).filter(has=page.locator(f'span[label="{judul}"]')).click(
        timeout=BATAS_MS)
    # The run has started: forget when the previous page became ready. Without this a rerun
    # that finishes between two polls (cached figures: ~30 ms) was never seen as "not ready",
    # and the previous page's moment was returned (negative times).
    await page.wait_for_function("() => window.__ucjRerun === true && ((window.__ucjSiapPada = null) === null)",
                                 polling=20, timeout=BATAS_MS)
    return await tunggu_siap(page) - t0


async def satu_sesi(b, url: str, mode: str, kredensial, mulai: asyncio.Event) -> dict:
    ctx = await b.new_context(viewport=DESKTOP)
    try:
        page = await ctx.new_page()
        hasil = {}
        if mode == "internal":
            await page.goto(url + "/", wait_until="domcontentloaded", timeout=BATAS_MS)
            await page.wait_for_selector(browser.S_SANDI, timeout=BATAS_MS)
            await masuk(page, *kredensial)
            await page.wait_for_url("**/ringkasan**", timeout=BATAS_MS)
            await tunggu_siap(page)
            await klik_nav(page, t("hal_klaim", "id"))
            await mulai.wait()
            hasil["ringkasan"] = await klik_nav(page, t("hal_ringkasan", "id"))
        else:
            await mulai.wait()
            t0 = time.time() * 1000
            await page.goto(url + "/ringkasan", wait_until="commit", timeout=BATAS_MS)
            hasil["ringkasan"] = await tunggu_siap(page) - t0
        hasil["kosong"] = await page.evaluate("() => window.__ucjKosong || null")
        hasil["angka_ringkasan"] = await page.evaluate(browser._JS_ANGKA)
        hasil["cakupan"] = await klik_nav(page, t("hal_cakupan", "id"))
        hasil["angka_cakupan"] = await page.evaluate(browser._JS_ANGKA)
        galat = await page.locator(browser.S_EXCEPTION).all_inner_texts()
        if galat:
            raise RuntimeError("exception on the page: " + "\n".join(galat)[:2000])
        return hasil
    finally:
        await ctx.close()


async def gelombang(b, url: str, n: int, mode: str, kredensial) -> dict:
    """n sessions; in public mode they all navigate at the same instant; in internal mode they
    log in first (untimed) and then all click at the same instant."""
    mulai = asyncio.Event()
    tugas = [asyncio.create_task(satu_sesi(b, url, mode, kredensial, mulai)) for _ in range(n)]
    if mode == "internal":
        await asyncio.sleep(0)
        # wait until every session is logged in and parked on Klaim
        while not all(tg.done() for tg in tugas) and len(mulai._waiters) < n:  # noqa: SLF001
            await asyncio.sleep(0.1)
    mulai.set()
    hasil = await asyncio.gather(*tugas)
    kosong = [h["kosong"] for h in hasil if h["kosong"]]
    if kosong:
        print(f"  {len(kosong)} of {n} sessions were idle with an empty page before Ringkasan drew, e.g. "
              f"{json.dumps(kosong[0], ensure_ascii=False)[:400]}", flush=True)
    out = {}
    for hal in ("ringkasan", "cakupan"):
        xs = [h[hal] / 1000 for h in hasil]
        angka = {json.dumps(h["angka_" + hal], sort_keys=True, ensure_ascii=False) for h in hasil}
        if len(angka) > 1:      # keep the evidence
            berkas = Path(f"/tmp/ukur_serentak/berbeda-{hal}-{int(time.time())}.json")
            berkas.parent.mkdir(parents=True, exist_ok=True)
            berkas.write_text("[\n" + ",\n".join(sorted(angka)) + "\n]\n", encoding="utf-8")
            print(f"  {hal}: {len(angka)} different sets of numbers, written to {berkas}", flush=True)
        out[hal] = {"n": n, "p50": statistics.median(xs), "p95": persentil(xs, 95), "max": max(xs),
                    "berbeda": len(angka)}
    return out


def baris(label: str, r: dict) -> str:
    return (f"{label:34s} " + "  ".join(
        f"{hal}: p50 {r[hal]['p50']:5.2f} p95 {r[hal]['p95']:5.2f} max {r[hal]['max']:5.2f} s"
        + ("" if r[hal]["berbeda"] == 1 else f" !! {r[hal]['berbeda']} different sets of numbers")
        for hal in ("ringkasan", "cakupan")))


def loadavg() -> str:
    try:
        return Path("/proc/loadavg").read_text().strip()
    except OSError:
        return "?"


async def satu_putaran(db: Path, sesi: list[int], mode: str, dingin: bool, log_dir: Path) -> list[tuple]:
    from playwright.async_api import async_playwright

    env = {"UCJ_MODE": "publik"} if mode == "publik" else {}
    situs = log_dir / "_situs"
    situs.mkdir(exist_ok=True)
    (situs / "sitecustomize.py").write_text(_SITECUSTOMIZE)
    log_run = log_dir / "runs.jsonl"
    log_run.unlink(missing_ok=True)
    env.update(PYTHONPATH=os.pathsep.join([str(situs), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
               UCJ_UKUR_LOG=str(log_run))
    kredensial = None
    if mode == "internal":
        from ucj_oversight.storage import users
        users_file = log_dir / "users.toml"
        if not users_file.exists():
            users.add(users_file, "ukur", "sandi-ukur-yang-panjang", "anggota")
        env.update(UCJ_USERS=str(users_file), UCJ_AUDIT=str(log_dir / "audit.jsonl"))
        kredensial = ("ukur", "sandi-ukur-yang-panjang")
    hasil = []
    async with async_playwright() as p:
        b = await p.chromium.launch(executable_path=browser.CHROMIUM, headless=True, args=browser.ARGS_CHROMIUM)
        # Chromium itself warmed up once (a council member's browser is already running).
        ctx = await b.new_context()
        await (await ctx.new_page()).goto("about:blank")
        await ctx.close()
        t_start = time.time()
        server = browser.mulai_server(db, log_dir=log_dir, env_tambahan=env)
        t_sehat = time.time()
        try:
            # The first page after start: one session, nothing cached or imported yet.
            w0 = time.time()
            r1 = await gelombang(b, server.url, 1, mode, kredensial)
            hasil.append(("  server: script runs of that session", run_server(log_run, w0, time.time())))
            pertama = r1["ringkasan"]["p50"]
            hasil.append(("server start -> /_stcore/health ok", t_sehat - t_start))
            hasil.append(("first page after start (1 session)", pertama))
            hasil.append(("server start -> first page rendered", t_sehat - t_start + pertama))
            hasil.append(("first session, then Cakupan", r1["cakupan"]["p50"]))
            try:
                runs0 = [json.loads(b) for b in log_run.read_text().splitlines() if b.strip()]
                hasil.append(("server start -> first script run over", min(r["mulai"] + r["detik"] for r in runs0) - t_start))
            except (OSError, ValueError):
                pass
            print(f"  load {loadavg()}", flush=True)
            for n in sesi:
                w0 = time.time()
                r = await gelombang(b, server.url, n, mode, kredensial)
                hasil.append((f"{n} sessions together, warm server", r))
                print(baris(hasil[-1][0], r), f"| load {loadavg()}", flush=True)
                hasil.append(("  server: script runs of that wave", run_server(log_run, w0, time.time())))
        finally:
            server.stop()
        if dingin:
            for n in sesi:
                server = browser.mulai_server(db, log_dir=log_dir, env_tambahan=env)
                w0 = time.time()
                try:
                    r = await gelombang(b, server.url, n, mode, kredensial)
                finally:
                    server.stop()
                hasil.append((f"{n} sessions together, cold server", r))
                print(baris(hasil[-1][0], r), f"| load {loadavg()}", flush=True)
                hasil.append(("  server: script runs of that wave", run_server(log_run, w0, time.time())))
        await b.close()
    return hasil


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="database (e.g. the 1M-row bench sample, ingested)")
    ap.add_argument("--sesi", type=int, nargs="+", default=[20], help="sessions per wave (default 20)")
    ap.add_argument("--mode", choices=["publik", "internal"], default="publik")
    ap.add_argument("--dingin", action="store_true", help="also N sessions on a freshly started server")
    ap.add_argument("--log-dir", type=Path, default=Path("/tmp/ukur_serentak"))
    a = ap.parse_args()
    a.log_dir.mkdir(parents=True, exist_ok=True)
    print(f"ukur_serentak db={a.db} mode={a.mode} sessions={a.sesi} cpus={os.cpu_count()} "
          f"python={platform.python_version()} load={loadavg()}", flush=True)
    hasil = asyncio.run(satu_putaran(a.db.resolve(), a.sesi, a.mode, a.dingin, a.log_dir))
    print()
    for label, r in hasil:
        if r is None:
            continue
        if isinstance(r, dict) and "runs" in r:
            print(f"{label:34s} {r['runs']} runs: p50 {r['p50']:5.2f} p95 {r['p95']:5.2f} max {r['max']:5.2f} s,"
                  f" CPU {r['cpu']:5.2f} s in all")
        elif isinstance(r, dict):
            print(baris(label, r))
        else:
            print(f"{label:34s} {r:5.2f} s")
    print(f"load {loadavg()}")


if __name__ == "__main__":
    main()
