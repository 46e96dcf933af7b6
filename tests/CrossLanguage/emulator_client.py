#!/usr/bin/env python3
"""Drives a running Signaling emulator with the Python standard library only, as a Python service would.

Usage: python3 emulator_client.py URL
Reads the emulator's credentials from its control surface; the test passes tokens it minted in the
environment (AGORA_TEST_ACCESS_TOKEN2 for user "py-token", AGORA_TEST_LEGACY_TOKEN for user "py-legacy").
Prints one JSON line summing up what it saw, and exits 1 with the reason on stderr when an answer is wrong.
"""
import base64
import json
import os
import sys
import urllib.error
import urllib.request


def call(url, method="GET", body=None, headers=None):
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def expect(condition, what):
    if not condition:
        sys.stderr.write("unexpected answer: " + what + "\n")
        sys.exit(1)


def main():
    base = sys.argv[1].rstrip("/")
    status, credentials = call(base + "/_emulator/credentials")
    expect(status == 200, "credentials: %s %s" % (status, credentials))
    app = credentials["appId"]
    pair = "%s:%s" % (credentials["customerId"], credentials["customerSecret"])
    basic = {"Authorization": "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")}
    token = {"Authorization": "agora token=" + os.environ["AGORA_TEST_ACCESS_TOKEN2"]}
    legacy = {"x-agora-token": os.environ["AGORA_TEST_LEGACY_TOKEN"], "x-agora-uid": "py-legacy"}
    dev = "%s/dev/v2/project/%s/rtm" % (base, app)

    status, sent = call(dev + "/users/py-basic/peer_messages", "POST",
                        {"destination": "alice", "payload": "from python", "enable_historical_messaging": True}, basic)
    expect(status == 200 and sent.get("code") == "message_sent", "peer message: %s %s" % (status, sent))

    status, sent = call(dev + "/users/py-token/channel_messages", "POST",
                        {"channel_name": "py-lobby", "payload": "hello lobby", "enable_historical_messaging": True}, token)
    expect(status == 200 and sent.get("result") == "success", "channel message: %s %s" % (status, sent))

    status, refused = call(dev + "/users/not-the-token-user/channel_messages", "POST",
                           {"channel_name": "py-lobby", "payload": "spoofed"}, token)
    expect(status == 401 and refused.get("result") == "failed", "spoofed sender: %s %s" % (status, refused))

    status, queued = call(base + "/_emulator/user-events", "POST", [{"userId": "py-user", "type": "Login", "ms": 1}])
    expect(status == 200 and queued.get("queued") == 1, "queue event: %s %s" % (status, queued))
    status, pulled = call(dev + "/vendor/user_events", headers=legacy)
    events = [e for e in pulled.get("events") or [] if e.get("user_id") == "py-user"]
    expect(status == 200 and len(events) == 1, "user events: %s %s" % (status, pulled))

    status, history = call("%s/rtm/v2/history/%s/userId/py-basic/channelType/message/channel/py-lobby" % (base, app), headers=basic)
    messages = (history.get("data") or {}).get("messageList") or []
    expect(status == 200 and [m["message"] for m in messages] == ["hello lobby"], "history: %s %s" % (status, history))

    status, recorded = call(base + "/_emulator/messages")
    senders = [m["fromUserId"] for m in recorded["messages"] if m["fromUserId"].startswith("py-")]
    expect(senders == ["py-basic", "py-token"], "recorded messages: %s" % recorded)

    print(json.dumps({"sent": len(senders), "events": len(events), "history": [m["message"] for m in messages]}))


if __name__ == "__main__":
    main()
