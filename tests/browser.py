"""Helpers for the real-browser tests (not a test file): a Streamlit server in a subprocess,
Debian's Chromium driven by Playwright, and waits that poll the page until Streamlit is idle.

Streamlit 1.67 DOM facts these helpers rely on:
- `[data-testid="stApp"]` carries `data-test-script-state` ("initial" until the session has a
  script run, then "running" / "notRunning" / "rerunRequested" ...) and
  `data-test-connection-state` ("CONNECTED" once the websocket is up).
- While a run is in progress the header shows `[data-testid="stStatusWidget"]` with
  `[data-testid="stStatusWidgetRunningIcon"]` inside; the widget is removed when idle.
- Exceptions are `[data-testid="stException"]`; st.warning is `[data-testid="stAlertContentWarning"]`
  (the DATA SIMULASI banner is one too); st.title is `h1` inside `[data-testid="stHeading"]`.
- Element components are lazy React chunks: until a chunk has loaded the element container holds
  a `[data-testid="stSkeleton"]` placeholder, so `stPlotlyChart` may not exist yet although the
  script state is already "notRunning". Idle therefore also means "no stSkeleton".
- A Plotly chart is `[data-testid="stPlotlyChart"]`; plotly.js draws into it afterwards
  (`.js-plotly-plot .main-svg`).
- Sidebar nav links are `a[data-testid="stSidebarNavLink"]` with the page title in a
  `span[label="..."]`; their href has no query string (the client keeps the URL state itself).
- Modals (st.dialog and Streamlit's own error boxes such as "Page not found") are
  `[data-testid="stDialog"] [role="dialog"]`; while one is open the rest of the app is `inert`,
  so clicks on the sidebar time out ("element is inert").
- A page declared with `st.Page(..., url_path="x", default=True)` is served at "/" only: its
  url_path is ignored, and opening /x shows the "Page not found" modal, runs the default page
  and rewrites the address to "/". The very first session after the server starts does not show
  the modal (no st.navigation call has been seen yet), later ones do.
- The document does not scroll: `[data-testid="stMain"]` does. A Playwright `full_page`
  screenshot therefore only shows the viewport; `screenshot_penuh` grows the viewport to the
  content height instead.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("UCJ_CHROMIUM", "/usr/bin/chromium")
ARGS_CHROMIUM = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]

S_APP = '[data-testid="stApp"]'
S_EXCEPTION = '[data-testid="stException"]'
S_WARNING = '[data-testid="stAlertContentWarning"]'
S_PLOTLY = '[data-testid="stPlotlyChart"]'
S_NAV_LINK = 'a[data-testid="stSidebarNavLink"]'
S_DIALOG = '[data-testid="stDialog"] [role="dialog"]'

# True when the app is connected, a script run has happened and none is in progress, and every
# element has been materialised (lazily loaded element components show a stSkeleton until their
# JS chunk has arrived; elements of the previous run are marked data-stale until replaced).
_JS_IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testConnectionState === 'CONNECTED'
    && app.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')
    && !document.querySelector('[data-testid="stAppSkeleton"], [data-testid="stSkeleton"]')
    && !document.querySelector('[data-testid="stElementContainer"][data-stale="true"]');
}"""

# Idle, and has stayed idle for `ms` (a rerun queued right after a run would break the streak).
_JS_IDLE_STABIL = """(ms) => {
  const idle = (%s)();
  if (!idle) { window.__ucjIdleSejak = null; return false; }
  if (window.__ucjIdleSejak == null) window.__ucjIdleSejak = performance.now();
  return performance.now() - window.__ucjIdleSejak >= ms;
}""" % _JS_IDLE

# Every Plotly chart element has been drawn by plotly.js.
_JS_GRAFIK_SIAP = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
  .every(e => e.querySelector('.js-plotly-plot .main-svg'))"""


# ------------------------------------------------------------------ Streamlit server

def port_bebas() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    proc: subprocess.Popen
    port: int
    log: Path
    _log_fh: object = field(repr=False, default=None)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_teks(self, batas: int = 8000) -> str:
        try:
            teks = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return teks[-batas:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self._log_fh is not None:
            self._log_fh.close()
            self._log_fh = None


def mulai_server(db_path: Path, *, akar: Path = AKAR, batas_detik: float = 60.0,
                 log_dir: Path | None = None, env_tambahan: dict[str, str] | None = None) -> Server:
    """Start the dashboard as it is deployed (`python -m ucj_oversight.server`, i.e. `streamlit run
    app.py` without the legacy pages/ folder mode and with the heavy imports done before the first
    request) on a free localhost port with UCJ_DB=db_path and wait until /_stcore/health answers ok. Fails (with the server's output) after `batas_detik`.
    The server's stdout+stderr go to streamlit.log in log_dir (default: a temp file)."""
    port = port_bebas()
    # Tests want the full exception text in the page (the shipped config shows only its type).
    env = {**os.environ, "UCJ_DB": str(db_path), "PYTHONUNBUFFERED": "1",
           "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "full", **(env_tambahan or {})}
    if log_dir is not None:
        log = Path(log_dir) / "streamlit.log"
    else:
        fd, nama = tempfile.mkstemp(prefix="ucj_streamlit_", suffix=".log")
        os.close(fd)
        log = Path(nama)
    fh = open(log, "wb")
    cmd = [sys.executable, "-m", "ucj_oversight.server",
           "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    proc = subprocess.Popen(cmd, cwd=akar, env=env, stdout=fh, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    server = Server(proc, port, log, fh)
    batas = time.monotonic() + batas_detik
    while True:
        if proc.poll() is not None:
            server.stop()
            raise RuntimeError(f"Streamlit exited with code {proc.returncode} before it was ready:\n"
                               + server.log_teks())
        try:
            with urllib.request.urlopen(server.url + "/_stcore/health", timeout=2) as r:
                if r.status == 200 and r.read().strip() == b"ok":
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        if time.monotonic() > batas:
            server.stop()
            raise RuntimeError(f"Streamlit did not answer /_stcore/health within {batas_detik:g} s:\n"
                               + server.log_teks())
        time.sleep(0.1)


# ------------------------------------------------------------------ Chromium

def lancarkan_chromium(playwright, executable_path: str = CHROMIUM):
    """Debian's Chromium, headless (Playwright's own browsers cannot be downloaded here)."""
    return playwright.chromium.launch(executable_path=executable_path, headless=True, args=ARGS_CHROMIUM)


# ------------------------------------------------------------------ waiting for the app

def tunggu_idle(page, timeout_ms: float = 30_000, stabil_ms: int = 150) -> None:
    """Wait until Streamlit has finished running the script (and stays idle for stabil_ms)."""
    page.wait_for_selector(S_APP, state="attached", timeout=timeout_ms)
    page.evaluate("() => { window.__ucjIdleSejak = null; }")
    page.wait_for_function(_JS_IDLE_STABIL, arg=stabil_ms, polling=50, timeout=timeout_ms)


def tunggu_grafik(page, timeout_ms: float = 20_000) -> int:
    """Wait until every Plotly chart on the (idle) page has been drawn; returns how many there
    are. Returns at once with 0 when the page has no chart element."""
    if page.locator(S_PLOTLY).count() == 0:
        return 0
    page.wait_for_function(_JS_GRAFIK_SIAP, polling=50, timeout=timeout_ms)
    return page.locator(".js-plotly-plot").count()


# (username, password) typed into the log-in form whenever a page shows it (internal mode).
# Each page load is a new Streamlit session, so a real user logs in per tab too.
KREDENSIAL: tuple[str, str] | None = None
S_SANDI = '[data-testid="stForm"] input[type="password"]'


def masuk(page, nama: str, sandi: str, timeout_ms: float = 30_000) -> None:
    """Fill and submit the log-in form, then wait for the page."""
    form = page.locator('[data-testid="stForm"]')
    form.locator("input").first.fill(nama)
    form.locator('input[type="password"]').fill(sandi)
    klik_dan_tunggu(page, form.locator('[data-testid="stFormSubmitButton"] button'), timeout_ms)
    # A successful log-in reruns the app, and '/' then forwards to /ringkasan: another run.
    # Wait for the pages' navigation (absent while the form is shown) and a quiet page.
    if page.locator(S_SANDI).count() == 0:
        page.wait_for_selector(S_NAV_LINK, state="attached", timeout=timeout_ms)
        tunggu_idle(page, timeout_ms)


def tunggu_alih(page, timeout_ms: float = 30_000) -> None:
    """'/' forwards to /ringkasan in a second run: wait for it rather than read the first."""
    from urllib.parse import urlsplit
    if urlsplit(page.url).path in ("", "/") and page.locator(S_SANDI).count() == 0:
        page.wait_for_url("**/ringkasan**", timeout=timeout_ms)
        tunggu_idle(page, timeout_ms)


def masuk_jika_perlu(page, timeout_ms: float = 30_000) -> None:
    if KREDENSIAL and page.locator(S_SANDI).count():
        masuk(page, *KREDENSIAL, timeout_ms=timeout_ms)


def buka(page, url: str, *, grafik: bool = False, timeout_ms: float = 30_000):
    """Open url and wait until the script run is over (and the charts drawn when grafik=True)."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
    tunggu_idle(page, timeout_ms)
    masuk_jika_perlu(page, timeout_ms)
    tunggu_alih(page, timeout_ms)
    if grafik:
        tunggu_grafik(page, timeout_ms)
    return page


def buka_bersama(pages, url: str, *, grafik: bool = False, timeout_ms: float = 30_000) -> None:
    """Open the same url in several pages at once (e.g. desktop and phone) and wait for all:
    the server runs the sessions side by side, so this costs little more than one load."""
    for pg in pages:
        pg.goto(url, wait_until="commit", timeout=timeout_ms)
    for pg in pages:
        tunggu_idle(pg, timeout_ms)
        masuk_jika_perlu(pg, timeout_ms)
        if grafik:
            tunggu_grafik(pg, timeout_ms)


def buka_serentak(pages, url: str, *, timeout_ms: float = 120_000) -> None:
    """Open url in many pages (e.g. 20 browser contexts) at once: every navigation is sent
    before any is waited for, so the server runs all the sessions side by side; then wait until
    each is idle with its charts drawn (logging in where the form is shown)."""
    for pg in pages:
        pg.goto(url, wait_until="commit", timeout=timeout_ms)
    for pg in pages:
        tunggu_idle(pg, timeout_ms)
        masuk_jika_perlu(pg, timeout_ms)
        tunggu_alih(pg, timeout_ms)
        tunggu_grafik(pg, timeout_ms)


# Notes that a rerun has reached the page: the script state left notRunning, or the main area's
# elements changed (new or replaced nodes, new text). The second signal matters when the run is
# short (cached charts) and the browser busy: the client then handles "run started" and "run
# finished" in one render, and the script-state attribute never shows anything but notRunning.
_JS_AMATI_RERUN = """() => {
  window.__ucjRerun = false;
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const obs = new MutationObserver((muts) => {
    const berubah = muts.some(m => m.type !== 'attributes');
    if (berubah || app.dataset.testScriptState !== 'notRunning') { window.__ucjRerun = true; obs.disconnect(); }
  });
  obs.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  if (main) obs.observe(main, {childList: true, subtree: true, characterData: true});
}"""


def klik_nav_serentak(pages, judul_halaman: str, *, timeout_ms: float = 120_000) -> None:
    """Click the same sidebar page link in many pages at once (all clicks first, then the waits),
    as klik_dan_tunggu does for one page."""
    for pg in pages:
        pg.evaluate(_JS_AMATI_RERUN)
        link_nav(pg, judul_halaman).click(timeout=timeout_ms)
    for pg in pages:
        pg.wait_for_function("() => window.__ucjRerun === true", polling=20, timeout=timeout_ms)
        tunggu_idle(pg, timeout_ms)
        tunggu_grafik(pg, timeout_ms)


def klik_dan_tunggu(page, locator, timeout_ms: float = 30_000) -> None:
    """Click something that starts a rerun (a widget, a nav link) and wait for that rerun to end.
    A MutationObserver notes that the script state left notRunning, so a click that has not yet
    reached the server is never mistaken for the finished run."""
    page.evaluate(_JS_AMATI_RERUN)
    locator.click(timeout=timeout_ms)
    page.wait_for_function("() => window.__ucjRerun === true", polling=20, timeout=timeout_ms)
    tunggu_idle(page, timeout_ms)


# ------------------------------------------------------------------ reading the page

def teks_exception(page) -> str:
    """The text of every exception box on the page ('' when there is none)."""
    return "\n---\n".join(page.locator(S_EXCEPTION).all_inner_texts())


def teks_dialog(page) -> str:
    """The text of any open modal (st.dialog, or Streamlit's own "Page not found" box)."""
    return "\n---\n".join(page.locator(S_DIALOG).all_inner_texts())


def teks_peringatan(page) -> list[str]:
    """Texts of all st.warning boxes (including the DATA SIMULASI banner)."""
    return page.locator(S_WARNING).all_inner_texts()


def judul(page) -> str:
    """The st.title heading of the page ('' if none)."""
    h = page.locator('[data-testid="stHeading"] h1, h1')
    return h.first.inner_text() if h.count() else ""


def nilai_metric(page, label: str) -> str | None:
    """The value of the st.metric whose label is `label` (None when there is no such metric)."""
    m = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label))
    if m.count() == 0:
        return None
    return m.first.locator('[data-testid="stMetricValue"]').inner_text().strip()


_JS_ANGKA = """() => ({
  judul: (document.querySelector('[data-testid="stHeading"] h1') || {}).innerText || '',
  kartu: [...document.querySelectorAll('[data-testid="stMetric"]')].map(m => [
    (m.querySelector('[data-testid="stMetricLabel"]') || {}).innerText || '',
    (m.querySelector('[data-testid="stMetricValue"]') || {}).innerText || '']),
  grafik: [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')].map(
    p => [...p.querySelectorAll('svg text')].map(t => t.textContent).filter(x => x.trim() !== '')),
})"""


def angka_halaman(page) -> dict:
    """What a reader sees of the numbers: the st.title, every st.metric (label, value), and the
    text plotly.js drew in each chart (titles, bar labels, annotations, axis ticks)."""
    hasil = page.evaluate(_JS_ANGKA)
    hasil["kartu"] = [(a.strip(), b.strip()) for a, b in hasil["kartu"]]
    return hasil


def link_nav(page, judul_halaman: str):
    """The sidebar navigation link whose page title is exactly judul_halaman."""
    return page.locator(S_NAV_LINK).filter(has=page.locator(f'span[label="{judul_halaman}"]'))


def melebar(page, batas: int = 5) -> list[str]:
    """What sticks out to the right of the viewport in the main area (horizontal overflow on a
    phone): the innermost offending elements, described by test id, tag and a bit of text."""
    return page.evaluate("""(batas) => {
      const w = document.documentElement.clientWidth;
      const main = document.querySelector('[data-testid="stMain"]');
      if (!main) return [];
      const lebar = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > w + 1; };
      // inside something that clips or scrolls on its own (a dataframe, an svg) which itself fits
      const terpotong = e => {
        for (let a = e.parentElement; a && a !== main; a = a.parentElement) {
          const cs = getComputedStyle(a);
          if ((cs.overflowX !== 'visible' || a.tagName.toLowerCase() === 'svg') && !lebar(a)) return true;
        }
        return false;
      };
      const hasil = [];
      if (main.scrollWidth > main.clientWidth + 1) hasil.push(`stMain scrollWidth ${main.scrollWidth} > ${main.clientWidth}`);
      for (const e of main.querySelectorAll('*')) {
        if (!lebar(e) || [...e.children].some(lebar) || terpotong(e)) continue;
        const id = e.closest('[data-testid]:not([data-testid="stMarkdownContainer"])')?.dataset.testid;
        const teks = (e.innerText || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
        hasil.push(`${id} > ${e.tagName.toLowerCase()} right=${Math.round(e.getBoundingClientRect().right)}px "${teks}"`);
        if (hasil.length > batas) break;
      }
      return hasil;
    }""", batas)


def screenshot_penuh(page, path: Path, *, batas_tinggi: int = 16_000) -> Path:
    """A full-page screenshot of a Streamlit page. The document itself does not scroll (stMain
    does), so the viewport is grown to the content height, the page is allowed to re-lay out,
    the picture taken, and the viewport put back."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    asli = page.viewport_size
    tinggi = page.evaluate("""() => {
      const m = document.querySelector('[data-testid="stMain"]');
      return Math.max(m ? m.scrollHeight : 0, document.documentElement.scrollHeight);
    }""")
    tinggi = min(max(int(tinggi), asli["height"]), batas_tinggi)
    try:
        if tinggi > asli["height"]:
            page.set_viewport_size({"width": asli["width"], "height": tinggi})
            # two animation frames: resize observers (plotly, dataframes) have run and painted
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            tunggu_idle(page)
        page.screenshot(path=str(path), full_page=True, animations="disabled")
    finally:
        if tinggi > asli["height"]:
            page.set_viewport_size(asli)
    return path
