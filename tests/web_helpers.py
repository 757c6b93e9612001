"""A small province for the web tests: one province with two cities, school A in the first city and
school B in the second, and one account per role; clients logged in as each of them; reports made
from the bundled sample (with two injected mistakes) to upload."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from fastapi.testclient import TestClient

from nianbao.store import accounts as store_accounts
from nianbao.store.database import Store
from nianbao.web import auth
from nianbao.web.app import create_app
from tests.conftest import SAMPLE

PASSWORD = "correct-horse-battery"
YEAR = 2025
# The two mistakes of the demo: a table total off by one and a count whose number was deleted.
WRONG_TOTAL = ("合计\t7\t10\t14\t31", "合计\t7\t10\t14\t32")
LOST_NUMBER = ("竞赛 42 项", "竞赛 项")


def sample_text(*edits: tuple[str, str], prepend_to: str | None = None, lines: int = 0) -> str:
    """The sample report with ``edits`` applied; ``lines`` extra lines of prose inserted after the
    heading line ``prepend_to`` (shifts every later line)."""
    text = SAMPLE.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    if prepend_to:
        head = text.index("\n" + prepend_to + "\n") + len(prepend_to) + 2
        filler = "".join(f"学校持续推进内部治理改革，第{k}项举措已落实。\n" for k in range(1, lines + 1))
        text = text[:head] + filler + text[head:]
    return text


def flawed_text(**shift) -> str:
    return sample_text(WRONG_TOTAL, LOST_NUMBER, **shift)


def flawed_score() -> str:
    """The checker's score of the flawed sample as the pages show it: the web shows what the checker
    says (the score's dimensions are the checker's business, not the web's)."""
    from nianbao.check import check_report, select_rules
    from nianbao.model import Document, Line
    from nianbao.parse import parse

    lines = [Line(number, text) for number, text in enumerate(flawed_text().split("\n"), start=1)]
    return f"{check_report(parse(Document('flawed.txt', 'txt', lines)), select_rules()).score:.1f}"


@dataclass
class Province:
    store: Store
    app: object
    schools: dict = field(default_factory=dict)  # "A"/"B" → SchoolInfo
    regions: dict = field(default_factory=dict)

    def client(self, username: str | None = None, base_url: str = "http://testserver") -> TestClient:
        client = TestClient(self.app, base_url=base_url, follow_redirects=False)
        if username:
            login(client, username)
        return client

    def process(self) -> int:
        return self.app.state.worker.run_pending()


def form_csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]*)"', html).group(1)


def login(client: TestClient, username: str, password: str = PASSWORD):
    page = client.get("/login")
    response = client.post("/login", data={"username": username, "password": password, "csrf": form_csrf(page.text)})
    client.csrf = None
    if response.status_code == 303:
        client.csrf = form_csrf(client.get("/account").text)
    return response


def province(store: Store, data_dir: Path, **options) -> Province:
    options.setdefault("background", False)
    app = create_app(store, data_dir, **options)
    store_accounts.set_setting(store, "year", str(YEAR))
    top = store_accounts.create_region(store, "测试省")
    east = store_accounts.create_region(store, "测试省东市", top.id)
    west = store_accounts.create_region(store, "测试省西市", top.id)
    a = store_accounts.upsert_school(store, "青岚职业技术学院", "高职", east.id)
    b = store_accounts.upsert_school(store, "北渚职业学院", "高职", west.id)
    digest = auth.hash_password(PASSWORD)
    store_accounts.create_account(store, "admin", digest, "admin")
    store_accounts.create_account(store, "province", digest, "reviewer", region_id=top.id)
    store_accounts.create_account(store, "east", digest, "reviewer", region_id=east.id)
    store_accounts.create_account(store, "west", digest, "reviewer", region_id=west.id)
    store_accounts.create_account(store, "school-a", digest, "school", school_id=a.id)
    store_accounts.create_account(store, "school-b", digest, "school", school_id=b.id)
    return Province(store, app, {"A": a, "B": b}, {"top": top, "east": east, "west": west})


def upload(client: TestClient, school, name: str, content: bytes | str, mime: str = "application/octet-stream"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(f"/schools/{school.public_id}/uploads", data={"csrf": client.csrf}, files={"file": (name, data, mime)})


def upload_ids(html: str) -> list[str]:
    return re.findall(r'data-upload="([^"]+)"', html)
