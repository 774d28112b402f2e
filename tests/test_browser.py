"""JupyterLab in a real browser: open notebook 01, run all cells, check the figures
table renders and no cell shows an error; save a screenshot under reports/.

Needs Debian's chromium (`.ci/run` installs it) and the built tables in data/processed
(`make test` builds them first). JupyterLab runs on a copy of the notebook, so the
committed notebook is never autosaved over.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from analysis import config

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
NOTEBOOK = "01-casualty-figures.ipynb"
TOKEN = "analysis-browser-test"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (.ci/run installs it)"),
    pytest.mark.skipif(not (config.PROCESSED_DIR / "casualties.parquet").exists(),
                       reason="tables not built: run `python -m analysis build` first (make test does)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(tmp_path):
    """A JupyterLab server on localhost over a copy of notebook 01 beside the real tables."""
    root = tmp_path / "project"
    (root / "notebooks").mkdir(parents=True)
    (root / "data").mkdir()
    shutil.copy(config.NOTEBOOKS_DIR / NOTEBOOK, root / "notebooks" / NOTEBOOK)
    (root / "data" / "processed").symlink_to(config.PROCESSED_DIR, target_is_directory=True)
    settings = tmp_path / "lab-settings" / "@jupyterlab"
    for plugin, values in {"notebook-extension/tracker": {"autoStartDefaultKernel": True},
                           "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False}}.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    port = free_port()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),
               JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "lab-settings"), JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "ws"))
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={root}", "--ServerApp.open_browser=False", "--allow-root"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start within 60 s")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def wait_for_kernel(page, timeout: float = 90) -> None:
    """Until the status bar reports the notebook's kernel idle (accepting the kernel
    dialog should JupyterLab show one)."""
    deadline = time.time() + timeout
    select = page.locator(".jp-Dialog button:has-text('Select')")
    while time.time() < deadline:
        if select.count() and select.first.is_visible():
            select.first.click()
        if "| Idle" in page.locator(".jp-StatusBar-Widget").all_inner_texts().__str__():
            return
        page.wait_for_timeout(500)
    pytest.fail("the notebook's kernel did not become idle")


def run_menu_command(page, menu: str, label: str) -> None:
    """Click a JupyterLab main-menu entry."""
    page.click(f"li.lm-MenuBar-item:has-text('{menu}')")
    page.click(f".lm-Menu-itemLabel:text-is('{label}')")


def test_notebook_runs_in_jupyterlab(lab):
    sync_api = pytest.importorskip("playwright.sync_api")
    screenshot = config.REPORTS_DIR / "jupyterlab-01-casualty-figures.png"
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{lab}/lab/tree/notebooks/{NOTEBOOK}?token={TOKEN}", timeout=90_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
        wait_for_kernel(page)
        run_menu_command(page, "Edit", "Clear Outputs of All Cells")
        assert page.locator(".jp-OutputArea-output table").count() == 0
        run_menu_command(page, "Run", "Run All Cells")
        page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
            }""", timeout=180_000)
        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
                              ".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']")
        tables = page.locator(".jp-OutputArea-output table")
        n_errors, n_tables = errors.count(), tables.count()
        table_text = tables.first.inner_text() if n_tables else ""
        page.screenshot(path=str(screenshot), full_page=False)
        browser.close()
    assert n_errors == 0, "a cell shows an error"
    assert n_tables >= 1, "no dataframe table rendered"
    assert "claimed_by" in table_text and "refugees" in table_text
    assert screenshot.exists()
