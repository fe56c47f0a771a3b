"""Open pages in headless Chromium and report, as JSON on stdout, what went wrong.

    python tests/deploy/browser_check.py BASE_URL PATH... [--cookie NAME=VALUE]

Reports console errors, uncaught exceptions, content-security-policy violations, dialogs
(alert()) and `img[src=x]` elements, per path. Run in its own process so that its Playwright
event loop never meets the one of the browser tests in the same pytest session.
"""

import json
import os
import shutil
import sys

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
# Records every violation of the content security policy, before any script of a page runs.
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which(
        "chromium-browser")


def check(base_url: str, paths: list[str], cookie: str | None) -> dict:
    report: dict = {"errors": [], "csp": [], "dialogs": [], "injected": [], "charts": {}}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(),
                                             args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=base_url)
        context.set_default_timeout(15_000)
        if cookie:
            name, _, value = cookie.partition("=")
            context.add_cookies([{"name": name, "value": value, "url": base_url}])
        context.add_init_script(CSP_WATCH)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and report["errors"].append(
            f"console: {m.text} ({page.url})"))
        page.on("pageerror", lambda e: report["errors"].append(f"page error: {e} ({page.url})"))
        page.on("dialog", lambda d: (report["dialogs"].append(f"{d.message} ({page.url})"),
                                     d.dismiss()))
        for path in paths:
            page.goto(path)
            page.wait_for_load_state("networkidle")
            if page.locator("[data-figure]").count():
                page.wait_for_selector("[data-figure] .main-svg")
                report["charts"][path] = page.locator("[data-figure] .main-svg").count()
            report["csp"] += [f"{v} ({path})" for v in page.evaluate("window.__cspViolations")]
            if page.locator("img[src='x']").count():
                report["injected"].append(path)
        browser.close()
    return report


def main() -> None:
    args = sys.argv[1:]
    cookie = None
    if "--cookie" in args:
        at = args.index("--cookie")
        cookie = args[at + 1]
        del args[at:at + 2]
    print(json.dumps(check(args[0], args[1:], cookie)))


if __name__ == "__main__":
    main()
