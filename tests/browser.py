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
- The page menu is app.py's own (Streamlit's sidebar menu is off in .streamlit/config.toml):
  st.page_link elements in the sidebar, `a[data-testid="stPageLink-NavLink"]` with the page
  title in a `<p>`; the current page's link has a bold title and a shaded background (no
  aria-current). Their href is the bare page path; the client keeps the URL state itself.
  Streamlit's own menu, were it ever shown, is `[data-testid="stSidebarNav"]` with
  `a[data-testid="stSidebarNavLink"]` links.
- Modals (st.dialog and Streamlit's own error boxes such as "Page not found") are
  `[data-testid="stDialog"] [role="dialog"]`; while one is open the rest of the app is `inert`,
  so clicks on the sidebar time out ("element is inert").
- A page declared with `st.Page(..., url_path="x", default=True)` is served at "/" only: its
  url_path is ignored, and opening /x shows the "Page not found" modal, runs the default page
  and rewrites the address to "/".
- The document does not scroll: `[data-testid="stMain"]` does. A Playwright `full_page`
  screenshot therefore only shows the viewport; `full_screenshot` grows the viewport to the
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

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("UCJ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]

S_APP = '[data-testid="stApp"]'
S_EXCEPTION = '[data-testid="stException"]'
S_WARNING = '[data-testid="stAlertContentWarning"]'
S_PLOTLY = '[data-testid="stPlotlyChart"]'
S_NAV_LINK = '[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]'
S_DIALOG = '[data-testid="stDialog"] [role="dialog"]'
S_PASSWORD = '[data-testid="stForm"] input[type="password"]'

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
_JS_IDLE_STABLE = """(ms) => {
  const idle = (__IDLE__)();
  if (!idle) { window.__ucjIdleSince = null; return false; }
  if (window.__ucjIdleSince == null) window.__ucjIdleSince = performance.now();
  return performance.now() - window.__ucjIdleSince >= ms;
}""".replace("__IDLE__", _JS_IDLE)

# Every Plotly chart element has been drawn by plotly.js.
_JS_CHARTS_READY = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
  .every(e => e.querySelector('.js-plotly-plot .main-svg'))"""


# ------------------------------------------------------------------ Streamlit server


def free_port() -> int:
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

    def log_text(self, limit: int = 8000) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return text[-limit:]

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


# The two ways to start the dashboard: the documented start command (heavy imports done before
# the first request) and Streamlit's own.
COMMANDS = {
    "server": [sys.executable, "-m", "ucj_oversight.server"],
    "streamlit-run": [sys.executable, "-m", "streamlit", "run", "app.py"],
}


def start_server(
    db_path: Path,
    *,
    command: str = "server",
    root: Path = ROOT,
    timeout_s: float = 60.0,
    log_dir: Path | None = None,
    extra_env: dict[str, str] | None = None,
) -> Server:
    """Start the dashboard as it is deployed (`python -m ucj_oversight.server`, or with
    command="streamlit-run" `streamlit run app.py`) on a free localhost port with UCJ_DB=db_path
    and wait until /_stcore/health answers ok. Fails (with the server's output) after `timeout_s`.
    The server's stdout+stderr go to streamlit.log in log_dir (default: a temp file)."""
    port = free_port()
    # Tests want the full exception text in the page (the shipped config shows only its type).
    env = {
        **os.environ,
        "UCJ_DB": str(db_path),
        "PYTHONUNBUFFERED": "1",
        "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "full",
        **(extra_env or {}),
    }
    if log_dir is not None:
        log = Path(log_dir) / "streamlit.log"
    else:
        fd, name = tempfile.mkstemp(prefix="ucj_streamlit_", suffix=".log")
        os.close(fd)
        log = Path(name)
    fh = open(log, "wb")
    cmd = [
        *COMMANDS[command],
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    server = Server(proc, port, log, fh)
    deadline = time.monotonic() + timeout_s
    while True:
        if proc.poll() is not None:
            server.stop()
            raise RuntimeError(
                f"Streamlit exited with code {proc.returncode} before it was ready:\n" + server.log_text()
            )
        try:
            with urllib.request.urlopen(server.url + "/_stcore/health", timeout=2) as r:
                if r.status == 200 and r.read().strip() == b"ok":
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(
                f"Streamlit did not answer /_stcore/health within {timeout_s:g} s:\n" + server.log_text()
            )
        time.sleep(0.1)


# ------------------------------------------------------------------ Chromium


def launch_chromium(playwright, executable_path: str = CHROMIUM):
    """Debian's Chromium, headless (Playwright's own browsers cannot be downloaded here)."""
    return playwright.chromium.launch(executable_path=executable_path, headless=True, args=CHROMIUM_ARGS)


# ------------------------------------------------------------------ waiting for the app


def wait_idle(page, timeout_ms: float = 30_000, stable_ms: int = 150) -> None:
    """Wait until Streamlit has finished running the script (and stays idle for stable_ms)."""
    page.wait_for_selector(S_APP, state="attached", timeout=timeout_ms)
    page.evaluate("() => { window.__ucjIdleSince = null; }")
    page.wait_for_function(_JS_IDLE_STABLE, arg=stable_ms, polling=50, timeout=timeout_ms)


def wait_charts(page, timeout_ms: float = 20_000) -> int:
    """Wait until every Plotly chart on the (idle) page has been drawn; returns how many there
    are. Returns at once with 0 when the page has no chart element."""
    if page.locator(S_PLOTLY).count() == 0:
        return 0
    page.wait_for_function(_JS_CHARTS_READY, polling=50, timeout=timeout_ms)
    return page.locator(".js-plotly-plot").count()


# (username, password) typed into the log-in form whenever a page shows it (internal mode).
# Each page load is a new Streamlit session, so a real user logs in per tab too.
CREDENTIALS: tuple[str, str] | None = None


def log_in(page, username: str, password: str, timeout_ms: float = 30_000) -> None:
    """Fill and submit the log-in form, then wait for the page."""
    form = page.locator('[data-testid="stForm"]')
    form.locator("input").first.fill(username)
    form.locator('input[type="password"]').fill(password)
    click_and_wait(page, form.locator('[data-testid="stFormSubmitButton"] button'), timeout_ms)
    # A successful log-in reruns the app (the form can still be there, idle, between the two
    # runs), and '/' then forwards to /ringkasan: more runs. Wait for the page menu (absent
    # while the form is shown) or the form's message (refused, blocked, empty), then a quiet page.
    page.wait_for_selector(
        f'{S_NAV_LINK}, [data-testid="stAlertContentError"], [data-testid="stAlertContentWarning"]',
        state="attached",
        timeout=timeout_ms,
    )
    wait_idle(page, timeout_ms)


def wait_forward(page, timeout_ms: float = 30_000) -> None:
    """'/' forwards to /ringkasan in a second run: wait for it rather than read the first."""
    from urllib.parse import urlsplit

    if urlsplit(page.url).path in ("", "/") and page.locator(S_PASSWORD).count() == 0:
        page.wait_for_url("**/ringkasan**", timeout=timeout_ms)
        wait_idle(page, timeout_ms)


def log_in_if_needed(page, timeout_ms: float = 30_000) -> None:
    if CREDENTIALS and page.locator(S_PASSWORD).count():
        log_in(page, *CREDENTIALS, timeout_ms=timeout_ms)


def open_page(page, url: str, *, charts: bool = False, timeout_ms: float = 30_000):
    """Open url and wait until the script run is over (and the charts drawn when charts=True)."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
    wait_idle(page, timeout_ms)
    log_in_if_needed(page, timeout_ms)
    wait_forward(page, timeout_ms)
    if charts:
        wait_charts(page, timeout_ms)
    return page


def open_together(pages, url: str, *, charts: bool = False, timeout_ms: float = 30_000) -> None:
    """Open the same url in several pages at once (e.g. desktop and phone) and wait for all:
    the server runs the sessions side by side, so this costs little more than one load."""
    for pg in pages:
        pg.goto(url, wait_until="commit", timeout=timeout_ms)
    for pg in pages:
        wait_idle(pg, timeout_ms)
        log_in_if_needed(pg, timeout_ms)
        if charts:
            wait_charts(pg, timeout_ms)


def open_concurrently(pages, url: str, *, timeout_ms: float = 120_000) -> None:
    """Open url in many pages (e.g. 20 browser contexts) at once: every navigation is sent
    before any is waited for, so the server runs all the sessions side by side; then wait until
    each is idle with its charts drawn (logging in where the form is shown)."""
    for pg in pages:
        pg.goto(url, wait_until="commit", timeout=timeout_ms)
    for pg in pages:
        wait_idle(pg, timeout_ms)
        log_in_if_needed(pg, timeout_ms)
        wait_forward(pg, timeout_ms)
        wait_charts(pg, timeout_ms)


# Notes that a rerun has reached the page: the script state left notRunning, or the main area's
# elements changed (new or replaced nodes, new text). The second signal matters when the run is
# short (cached charts) and the browser busy: the client then handles "run started" and "run
# finished" in one render, and the script-state attribute never shows anything but notRunning.
_JS_WATCH_RERUN = """() => {
  window.__ucjRerun = false;
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const obs = new MutationObserver((muts) => {
    const changed = muts.some(m => m.type !== 'attributes');
    if (changed || app.dataset.testScriptState !== 'notRunning') { window.__ucjRerun = true; obs.disconnect(); }
  });
  obs.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  if (main) obs.observe(main, {childList: true, subtree: true, characterData: true});
}"""


def click_nav_concurrently(pages, page_title: str, *, timeout_ms: float = 120_000) -> None:
    """Click the same menu link in many pages at once (all clicks first, then the waits), as
    click_and_wait does for one page."""
    for pg in pages:
        pg.evaluate(_JS_WATCH_RERUN)
        nav_link(pg, page_title).click(timeout=timeout_ms)
    for pg in pages:
        pg.wait_for_function("() => window.__ucjRerun === true", polling=20, timeout=timeout_ms)
        wait_idle(pg, timeout_ms)
        wait_charts(pg, timeout_ms)


def click_and_wait(page, locator, timeout_ms: float = 30_000) -> None:
    """Click something that starts a rerun (a widget, a menu link) and wait for that rerun to end.
    A MutationObserver notes that the script state left notRunning, so a click that has not yet
    reached the server is never mistaken for the finished run."""
    page.evaluate(_JS_WATCH_RERUN)
    locator.click(timeout=timeout_ms)
    page.wait_for_function("() => window.__ucjRerun === true", polling=20, timeout=timeout_ms)
    wait_idle(page, timeout_ms)


# ------------------------------------------------------------------ reading the page


def exception_text(page) -> str:
    """The text of every exception box on the page ('' when there is none)."""
    return "\n---\n".join(page.locator(S_EXCEPTION).all_inner_texts())


def dialog_text(page) -> str:
    """The text of any open modal (st.dialog, or Streamlit's own "Page not found" box)."""
    return "\n---\n".join(page.locator(S_DIALOG).all_inner_texts())


def warning_texts(page) -> list[str]:
    """Texts of all st.warning boxes (including the DATA SIMULASI banner)."""
    return page.locator(S_WARNING).all_inner_texts()


def title(page) -> str:
    """The st.title heading of the page ('' if none)."""
    h = page.locator('[data-testid="stHeading"] h1, h1')
    return h.first.inner_text() if h.count() else ""


def metric_value(page, label: str) -> str | None:
    """The value of the st.metric whose label is `label` (None when there is no such metric)."""
    m = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label)
    )
    if m.count() == 0:
        return None
    return m.first.locator('[data-testid="stMetricValue"]').inner_text().strip()


_JS_NUMBERS = """() => ({
  title: (document.querySelector('[data-testid="stHeading"] h1') || {}).innerText || '',
  cards: [...document.querySelectorAll('[data-testid="stMetric"]')].map(m => [
    (m.querySelector('[data-testid="stMetricLabel"]') || {}).innerText || '',
    (m.querySelector('[data-testid="stMetricValue"]') || {}).innerText || '']),
  charts: [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')].map(
    p => [...p.querySelectorAll('svg text')].map(t => t.textContent).filter(x => x.trim() !== '')),
})"""


def page_numbers(page) -> dict:
    """What a reader sees of the numbers: the st.title, every st.metric (label, value), and the
    text plotly.js drew in each chart (titles, bar labels, annotations, axis ticks)."""
    result = page.evaluate(_JS_NUMBERS)
    result["cards"] = [(a.strip(), b.strip()) for a, b in result["cards"]]
    return result


def nav_link(page, page_title: str):
    """The menu link whose page title is exactly page_title."""
    return page.locator(S_NAV_LINK).filter(has=page.get_by_text(page_title, exact=True))


def nav_titles(page) -> list[str]:
    """The page titles of the menu, in order (without the icons' ligature text)."""
    return [s.strip() for s in page.locator(S_NAV_LINK + " p").all_inner_texts()]


def current_nav_title(page) -> str | None:
    """The title of the menu link marked as the current page (bold), None when there is none."""
    return page.evaluate(
        """(sel) => {
      const cur = [...document.querySelectorAll(sel + ' p')].filter(p => Number(getComputedStyle(p).fontWeight) >= 600);
      return cur.length === 1 ? cur[0].innerText.trim() : null;
    }""",
        S_NAV_LINK,
    )


def overflow_right(page, limit: int = 5) -> list[str]:
    """What sticks out to the right of the viewport in the main area (horizontal overflow on a
    phone): the innermost offending elements, described by test id, tag and a bit of text."""
    return page.evaluate(
        """(limit) => {
      const w = document.documentElement.clientWidth;
      const main = document.querySelector('[data-testid="stMain"]');
      if (!main) return [];
      const wide = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > w + 1; };
      // inside something that clips or scrolls on its own (a dataframe, an svg) which itself fits
      const clipped = e => {
        for (let a = e.parentElement; a && a !== main; a = a.parentElement) {
          const cs = getComputedStyle(a);
          if ((cs.overflowX !== 'visible' || a.tagName.toLowerCase() === 'svg') && !wide(a)) return true;
        }
        return false;
      };
      const found = [];
      if (main.scrollWidth > main.clientWidth + 1)
        found.push(`stMain scrollWidth ${main.scrollWidth} > ${main.clientWidth}`);
      for (const e of main.querySelectorAll('*')) {
        if (!wide(e) || [...e.children].some(wide) || clipped(e)) continue;
        const id = e.closest('[data-testid]:not([data-testid="stMarkdownContainer"])')?.dataset.testid;
        const text = (e.innerText || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
        const right = Math.round(e.getBoundingClientRect().right);
        found.push(`${id} > ${e.tagName.toLowerCase()} right=${right}px "${text}"`);
        if (found.length > limit) break;
      }
      return found;
    }""",
        limit,
    )


def full_screenshot(page, path: Path, *, max_height: int = 16_000) -> Path:
    """A full-page screenshot of a Streamlit page. The document itself does not scroll (stMain
    does), so the viewport is grown to the content height, the page is allowed to re-lay out,
    the picture taken, and the viewport put back."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    height = page.evaluate("""() => {
      const m = document.querySelector('[data-testid="stMain"]');
      return Math.max(m ? m.scrollHeight : 0, document.documentElement.scrollHeight);
    }""")
    height = min(max(int(height), original["height"]), max_height)
    try:
        if height > original["height"]:
            page.set_viewport_size({"width": original["width"], "height": height})
            # two animation frames: resize observers (plotly, dataframes) have run and painted
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            wait_idle(page)
        page.screenshot(path=str(path), full_page=True, animations="disabled")
    finally:
        if height > original["height"]:
            page.set_viewport_size(original)
    return path
