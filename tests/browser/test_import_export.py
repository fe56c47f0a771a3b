"""Import and export in Chromium (issue 16): a docker-compose file imported from the editor's
Import page opens on the canvas with the import's notes, and the design exports as Mermaid
from the editor's Export menu. Screenshots at 1400 px and 390 px."""

import re

from playwright.sync_api import expect

COMPOSE = """\
services:
  proxy:
    image: nginx:1.27
    ports: ["80:80"]
    depends_on: [web]
  web:
    build: ./web
    deploy:
      replicas: 3
    environment:
      DATABASE_URL: postgres://app@db/app
      REDIS_URL: redis://cache:6379/0
    depends_on: [db, cache]
  worker:
    build: ./web
    command: celery -A app worker
    depends_on: [queue, db]
  db:
    image: postgres:16
    volumes: [data:/var/lib/postgresql/data]
  cache:
    image: redis:7
  queue:
    image: rabbitmq:3-management
volumes:
  data: {}
"""

NODES = "() => window.editor.cy.nodes('[?doc]').length"


def test_import_a_compose_file_see_the_canvas_and_export_mermaid(anonymous_page, tmp_path,
                                                                 transactional_db, screenshot):
    page = anonymous_page
    page.goto("/designs/new/")
    page.get_by_test_id("import-link").click()
    page.wait_for_url(re.compile(r"/designs/import/$"))
    compose = tmp_path / "compose.yaml"
    compose.write_text(COMPOSE)
    page.locator("input[type=file]").set_input_files(str(compose))
    page.get_by_test_id("import-submit").click()

    notes = page.get_by_test_id("import-notes")
    expect(notes).to_contain_text("Docker Compose")
    expect(notes).to_contain_text("placeholder")
    page.get_by_test_id("import-component-notes").locator("summary").click()
    expect(page.get_by_test_id("import-component-notes")).to_contain_text(
        "kind guessed from image name (postgres:16)")
    expect(page.get_by_test_id("live-status")).to_contain_text("Live estimate of the draft")
    # proxy, web, worker, db, cache, queue and the client the import adds.
    assert page.evaluate(NODES) == 7
    expect(page.locator("#canvas")).to_be_visible()
    screenshot(page, "import-compose-editor")

    page.locator("#export-menu summary").click()
    with page.expect_download() as download_info:
        page.get_by_test_id("export-mermaid").click()
    download = download_info.value
    assert download.suggested_filename == "design.mmd"
    text = open(download.path(), encoding="utf-8").read()
    assert "\nflowchart LR\n" in text  # after the front matter naming the design
    for name in ("proxy", "web", "worker", "db", "cache", "queue"):
        assert name in text
    expect(page.get_by_test_id("export-status")).to_contain_text("Exported: design.mmd")

    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "import-compose-editor-390")
