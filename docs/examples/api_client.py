"""Create a design, ask for its estimate, wait for it, print requests per second and availability.

    BASE_URL=http://127.0.0.1:8000 API_TOKEN=... python3 api_client.py [design.json]

Without a file it sends the small URL shortener below. Needs `pip install requests`.
"""

import json
import os
import sys
import time

import requests

BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
API_TOKEN = os.environ["API_TOKEN"]  # manage.py drf_create_token <username>

DOCUMENT = {
    "name": "URL shortener (API example)",
    "assumptions": {"daily_active_users": 10_000_000},
    "workloads": [
        {"name": "shorten", "kind": "write", "rate": 100_000_000, "per": "month",
         "request_bytes": 500, "route": ["lb", "api", "db"]},
        {"name": "redirect", "kind": "read", "per_user_per_day": 30,
         "response_bytes": 500, "route": ["lb", "api", "cache", "db"]},
    ],
    "components": [
        {"key": "lb", "kind": "load_balancer", "instances": 2, "redundancy": "active-passive"},
        {"key": "api", "kind": "service", "instances": 12},
        {"key": "cache", "kind": "cache", "instances": 2},
        {"key": "db", "kind": "database", "instances": 2, "redundancy": "active-passive"},
    ],
}


def call(session: requests.Session, method: str, url: str, **kwargs) -> dict:
    response = session.request(method, url, timeout=30, **kwargs)
    if not response.ok:  # every error is JSON naming the field: {"detail", "errors": [...]}
        sys.exit(f"{method} {url}: {response.status_code} {response.text}")
    return response.json()


def main() -> None:
    document = DOCUMENT
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as file:
            document = json.load(file)
    session = requests.Session()
    session.headers["Authorization"] = f"Token {API_TOKEN}"

    # 1. Create the design (private to you).
    design = call(session, "POST", f"{BASE_URL}/api/designs/", json={"document": document})
    print(f"design {design['id']}: {design['name']} ({design['links']['html']})")

    # 2. Ask for the estimate of the version the answer says this save wrote (someone may
    #    save another meanwhile): 202 while a worker computes it, 200 once done.
    version = {"version": design["version"]}
    estimate = call(session, "POST", design["links"]["estimate"], json=version)

    # 3. Poll until done.
    deadline = time.monotonic() + 120
    while estimate["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(1)
        estimate = call(session, "GET", estimate["url"])
    if estimate["status"] != "done":
        sys.exit(f"estimate {estimate['status']}: {estimate['error']}")

    # 4. Print the requests per second and the availability.
    traffic, availability = estimate["result"]["traffic"], estimate["result"]["availability"]
    print(f"requests per second: {traffic['total_rps']:,.1f} (peak {traffic['peak_rps']:,.1f})")
    nines = "no downtime" if availability["nines"] is None else f"{availability['nines']:.2f} nines"
    print(f"availability: {availability['overall']:.4%} ({nines})")


if __name__ == "__main__":
    main()
