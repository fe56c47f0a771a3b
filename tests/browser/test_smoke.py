def test_the_home_page_lists_the_examples_without_console_errors(
    anonymous_page, examples, screenshot
):
    anonymous_page.goto("/")
    for name in ("URL shortener", "WhatsApp", "Twitter", "Netflix", "Uber"):
        assert anonymous_page.get_by_role("link", name=name, exact=True).first.is_visible()
    assert screenshot(anonymous_page, "home").stat().st_size > 0
