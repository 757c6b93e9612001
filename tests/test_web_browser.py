"""The web service in a real browser: Debian's Chromium driven by Playwright (nothing downloaded)
against uvicorn on a free localhost port with a temporary database. A school logs in, uploads a
PDF, watches it being processed, opens the annotated report, answers a finding, re-uploads a
corrected file and finds the answer kept; a reviewer accepts it; another school is kept out."""

from __future__ import annotations

import os
import shutil
import socket
import threading
from pathlib import Path

import pytest

from nianbao.store.database import Store
from tests.render import cached, render_pdf
from tests.web_helpers import PASSWORD, WRONG_TOTAL, flawed_score, flawed_text, province, sample_text

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
PROCESSING = 90_000  # ms a 60-page PDF may take to be read and checked on a busy 2-core machine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    root = tmp_path_factory.mktemp("browser")
    p = province(Store(f"sqlite:///{root / 'w.db'}"), root / "files", background=True)
    port = _free_port()
    config = uvicorn.Config(p.app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    while not uvicorn_server.started:
        if not thread.is_alive():
            pytest.fail("uvicorn did not start")
        thread.join(0.05)
    yield p, f"http://127.0.0.1:{port}", root
    uvicorn_server.should_exit = True
    thread.join(30)


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium not installed (scripts/setup-system.sh installs it)")
        pytest.skip("chromium not installed (run scripts/setup-system.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def _pdf(root: Path, name: str, text: str) -> Path:
    source = root / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    rendered = cached(source, "pdf", render_pdf)
    target = root / f"{name}.pdf"
    shutil.copyfile(rendered, target)
    return target


def _login(browser, base: str, username: str):
    context = browser.new_context(base_url=base, locale="zh-CN")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


def _uploads(page) -> list[str]:
    return page.locator("tr.upload").evaluate_all("rows => rows.map(r => r.dataset.upload)")


def _upload_and_wait(page, pdf: Path) -> None:
    before = _uploads(page)  # every upload listed is processed: the page is not going to reload
    page.set_input_files("#upload-file", str(pdf))
    with page.expect_navigation():
        page.click("#upload-button")
    # The page follows the job by itself (polling, then reloading when done, which may come at any
    # moment): wait for the new row to stand finished, and only then read the page.
    fresh = "tr.upload" + "".join(f":not([data-upload='{u}'])" for u in before)
    page.wait_for_selector(f"{fresh}[data-status=done], {fresh}[data-status=failed]", timeout=PROCESSING)
    new = [u for u in _uploads(page) if u not in before]
    assert len(new) == 1
    assert page.locator(f"tr.upload[data-upload='{new[0]}']").get_attribute("data-status") == "done"


def test_school_submits_answers_reuploads_and_the_reviewer_accepts(server, browser):
    p, base, root = server
    school = _login(browser, base, "school-a")
    assert school.url.endswith(f"/schools/{p.schools['A'].public_id}")
    _upload_and_wait(school, _pdf(root, "flawed", flawed_text()))
    assert school.locator("#score").inner_text() == flawed_score()
    school.click("#open-report")
    school.wait_for_selector("li.finding")
    item = school.locator("li.finding", has=school.locator(".head b", has_text="A601"))
    assert item.count() == 1
    finding_id = item.get_attribute("id").removeprefix("f-")
    box = school.locator(f".box[data-finding='{finding_id}']").first
    assert box.count() == 1
    item.locator("a.jump").click()
    assert "current" in (box.get_attribute("class") or "")
    box.scroll_into_view_if_needed()
    image = school.locator(".page", has=box).locator("img")
    school.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert box.bounding_box()["width"] > 5  # a real box over the evidence on the rendered page

    school.select_option("#filter-severity", "warning")
    assert item.is_hidden()
    school.select_option("#filter-severity", "")
    assert item.is_visible()

    item.locator("input[value=explained]").check()
    item.locator("textarea[name=explanation]").fill("合计含校级竞赛，口径见表注")
    item.locator("button", has_text="保存答复").click()
    school.wait_for_load_state()
    assert school.locator(f"#f-{finding_id} .status").inner_text() == "待审核"

    school.goto(f"/schools/{p.schools['A'].public_id}")
    _upload_and_wait(school, _pdf(root, "fixed", sample_text(WRONG_TOTAL, prepend_to="前言", lines=6)))
    school.click("#open-report")
    school.wait_for_selector("li.finding")
    kept = school.locator("li.finding", has=school.locator(".head b", has_text="A601"))
    assert kept.locator(".status").inner_text() == "待审核"
    assert "合计含校级竞赛" in kept.locator(".answer").inner_text()
    assert school.locator("li.finding .head b", has_text="M501").count() == 0
    report_url = school.url.split("#")[0]
    image_url = school.locator(".sheet img").first.get_attribute("src")
    school.goto(f"/schools/{p.schools['A'].public_id}")
    school.click("#submit-report")
    school.wait_for_load_state()
    assert school.locator("#state").inner_text() == "已提交"

    other = _login(browser, base, "school-b")
    other.goto(report_url)
    assert "页面不存在或您无权查看" in other.content()
    assert other.request.get(base + image_url).status == 404
    other.goto(f"/schools/{p.schools['A'].public_id}")
    assert "页面不存在或您无权查看" in other.content()

    reviewer = _login(browser, base, "east")
    assert reviewer.url.endswith("/region")
    reviewer.click(f"a[href='/schools/{p.schools['A'].public_id}']")
    reviewer.click("text=查看批注")
    reviewer.wait_for_selector("li.finding")
    judged = reviewer.locator("li.finding", has=reviewer.locator(".head b", has_text="A601"))
    judged.locator("button[value=accepted]").click()
    reviewer.wait_for_load_state()
    assert reviewer.locator("li.finding", has=reviewer.locator(".head b", has_text="A601")).locator(".status").inner_text() == "已接受"
    reviewer.goto(f"/schools/{p.schools['A'].public_id}")
    reviewer.click("#approve")
    reviewer.wait_for_load_state()
    assert reviewer.locator("#state").inner_text() == "审核通过"
