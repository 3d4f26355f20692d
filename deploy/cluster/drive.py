#!/usr/bin/env python3
"""Drives Baton on a real Temporal cluster through two api instances, kills one worker and one api
mid-flight, and checks what a customer and an agent would notice. Run by deploy/cluster-test.sh,
which starts everything and passes the addresses and process ids. Standard library only.

Checks: every customer message is stored once and answered once (none lost, none answered twice),
though calls were retried on the other api after a kill; takeover races across the two apis give
exactly one winner; a live stream on the surviving api keeps delivering; idle timers fire (the
conversations end ABANDONED) on the surviving worker. Prints its figures; exits 1 on any failure.
"""
import argparse
import json
import os
import signal
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

failures = []
latencies = []
retries = {"count": 0}
lock = threading.Lock()


def fail(message):
    with lock:
        failures.append(message)
    print("FAIL: " + message, flush=True)


def call(base, method, path, body=None, token=None, timeout=40):
    """One HTTP call; returns (status, json or None). Connection errors give status 0."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + "/api/v1" + path, data=data, method=method)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read()
            return response.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as e:
        text = e.read()
        try:
            return e.code, json.loads(text)
        except ValueError:
            return e.code, None
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, None


class Balancer:
    """What a load balancer does: send to one api, and on a dead instance or a 5xx try the other
    with the same request (the clientMessageId makes a repeat safe)."""

    def __init__(self, apis):
        self.apis = list(apis)
        self.dead = set()
        self.turn = 0

    def kill(self, base):
        self.dead.add(base)

    def live(self):
        return [a for a in self.apis if a not in self.dead] or self.apis

    def send(self, method, path, body=None, token=None, prefer=None):
        deadline = time.time() + 90
        order = self.apis[:] if prefer is None else [prefer] + [a for a in self.apis if a != prefer]
        attempt = 0
        while True:
            base = order[attempt % len(order)]
            started = time.time()
            status, answer = call(base, method, path, body, token)
            if status and status < 500:
                with lock:
                    latencies.append(time.time() - started)
                return status, answer
            attempt += 1
            with lock:
                retries["count"] += 1
            if time.time() > deadline:
                return status, answer
            time.sleep(0.5)


def sign_in(api, username, password):
    status, answer = call(api, "POST", "/auth/token", {"username": username, "password": password})
    if status != 200:
        raise SystemExit(f"cannot sign in as {username} at {api}: HTTP {status}")
    return answer["token"]


def agent(api, operator, name, queues):
    status, _ = call(api, "POST", "/accounts", {"username": name, "role": "AGENT", "queues": queues}, operator)
    if status not in (201, 409):
        raise SystemExit(f"cannot create agent {name}: HTTP {status}")
    status, answer = call(api, "POST", f"/accounts/{name}/tokens", {"label": "cluster-test"}, operator)
    if status not in (200, 201):
        raise SystemExit(f"cannot issue a token for {name}: HTTP {status}")
    return answer["token"]


def conversation(lb, customer, text, prefer):
    status, answer = lb.send("POST", "/conversations",
                             {"customer": {"id": customer, "name": "Ada"}, "channel": "web", "text": text,
                              "clientMessageId": customer + "-0"}, prefer=prefer)
    if status != 201:
        raise SystemExit(f"cannot start a conversation: HTTP {status} {answer}")
    return answer["conversationId"], answer["customerToken"]


def stream(base, conversation_id, token, seen, stop):
    """Reads a conversation's event stream, recording each message seq it delivers."""
    request = urllib.request.Request(f"{base}/api/v1/conversations/{conversation_id}/stream")
    request.add_header("Authorization", "Bearer " + token)
    request.add_header("Accept", "text/event-stream")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            event = None
            for raw in response:
                if stop.is_set():
                    return
                line = raw.decode().rstrip("\n")
                if line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:") and event == "message":
                    seen.append(json.loads(line[5:])["seq"])
    except Exception:  # the stream ends when the test stops it or the conversation ends
        return


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--apis", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--kill-worker", type=int, required=True)
    parser.add_argument("--kill-api", type=int, required=True)
    parser.add_argument("--conversations", type=int, default=24)
    parser.add_argument("--messages", type=int, default=5)
    parser.add_argument("--races", type=int, default=5)
    parser.add_argument("--idle-timeout", type=int, default=20)
    args = parser.parse_args()
    apis = args.apis.split(",")
    doomed, survivor = apis[0], apis[1]
    lb = Balancer(apis)
    began = time.time()

    operator = sign_in(survivor, "operator", args.password)
    queues = ["billing", "billing_de", "technical", "account_access", "orders", "general"]
    agents = {name: agent(survivor, operator, name, queues) for name in ("alice", "bob")}

    # Takeover races: alice through one api, bob through the other, at the same moment.
    for name, token in agents.items():
        status, _ = call(survivor, "PUT", f"/agents/{name}/presence",
                         {"status": "ONLINE", "queues": queues, "maxConcurrent": 50, "name": name}, token)
        if status != 200:
            fail(f"{name} could not go online: HTTP {status}")
    race_results = []
    for i in range(args.races):
        cid, ctoken = conversation(lb, f"race-{i}", "I want to talk to a person", apis[i % 2])
        status, answer = call(apis[i % 2], "GET", f"/conversations/{cid}", token=ctoken)
        if answer is None or answer.get("status") != "AWAITING_AGENT":
            fail(f"race {i}: not waiting for an agent ({answer and answer.get('status')})")
            continue
        barrier = threading.Barrier(2)

        def take(api, name):
            barrier.wait()
            return call(api, "POST", f"/conversations/{cid}/takeover", {"agentId": name}, agents[name])[0]

        with ThreadPoolExecutor(2) as pool:
            results = sorted(pool.map(lambda p: take(*p), [(apis[0], "alice"), (apis[1], "bob")]))
        race_results.append(results)
        if results.count(200) != 1:
            fail(f"race {i}: takeover answers {results}, want exactly one 200")

    # Conversations through both apis; a live stream on the survivor follows one of them.
    started = [conversation(lb, f"cust-{i}", f"where is my order {10000000 + i}", apis[i % 2])
               for i in range(args.conversations)]
    watched_id, watched_token = started[0]
    seen, stop = [], threading.Event()
    watcher = threading.Thread(target=stream, args=(survivor, watched_id, watched_token, seen, stop), daemon=True)
    watcher.start()

    total = args.conversations * args.messages
    sent = {"count": 0}
    killed = threading.Event()

    def chat(index):
        cid, token = started[index]
        for n in range(1, args.messages + 1):
            with lock:
                sent["count"] += 1
                if sent["count"] >= total // 3 and not killed.is_set():
                    killed.set()
                    os.kill(args.kill_worker, signal.SIGKILL)
                    os.kill(args.kill_api, signal.SIGKILL)
                    lb.kill(doomed)
                    print(f"SIGKILLed worker {args.kill_worker} and api {args.kill_api} after {sent['count']} messages",
                          flush=True)
            status, answer = lb.send("POST", f"/conversations/{cid}/messages",
                                     {"text": f"where is my order {20000000 + index * 100 + n}",
                                      "clientMessageId": f"{cid}-{n}"}, token, prefer=apis[(index + n) % 2])
            if status != 200 or not answer.get("replies"):
                fail(f"{cid} message {n}: HTTP {status} {answer}")

    kill_at = time.time()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(chat, range(args.conversations)))
    chat_seconds = time.time() - kill_at

    # Nothing lost, nothing answered twice.
    stored = 0
    for index, (cid, token) in enumerate(started):
        status, answer = call(survivor, "GET", f"/conversations/{cid}/messages?limit=1000", token=token)
        if status != 200:
            fail(f"{cid}: transcript HTTP {status}")
            continue
        messages = answer["messages"]
        customer = [m["text"] for m in messages if m["author"] == "CUSTOMER"]
        bot = [m for m in messages if m["author"] == "BOT"]
        stored += len(customer)
        if len(customer) != args.messages + 1 or len(set(customer)) != len(customer):
            fail(f"{cid}: {len(customer)} customer messages stored ({len(set(customer))} distinct), want {args.messages + 1}")
        if len(bot) != len(customer):
            fail(f"{cid}: {len(bot)} bot replies for {len(customer)} customer messages")
        seqs = [m["seq"] for m in messages]
        if seqs != list(range(1, len(seqs) + 1)):
            fail(f"{cid}: message seqs are not 1..n: {seqs}")

    # The stream on the surviving api saw the watched conversation's messages, before and after.
    deadline = time.time() + 20
    while time.time() < deadline and len(seen) < 2 * (args.messages + 1):
        time.sleep(0.5)
    stop.set()
    if len(set(seen)) < 2 * (args.messages + 1):
        fail(f"the live stream on the surviving api delivered {len(set(seen))} messages, want {2 * (args.messages + 1)}")

    # Timers: each conversation, left idle, is ended by its idle timer on the surviving worker.
    timer_start = time.time()
    deadline = timer_start + args.idle_timeout + 90
    pending = dict(started)
    while pending and time.time() < deadline:
        for cid, token in list(pending.items()):
            status, answer = call(survivor, "GET", f"/conversations/{cid}", token=token)
            if status == 200 and answer["status"] == "ABANDONED":
                del pending[cid]
        time.sleep(2)
    if pending:
        fail(f"{len(pending)} idle conversations were never ended by their timer")
    timers_seconds = time.time() - timer_start

    ordered = sorted(latencies)
    print("figures:")
    print(f"  conversations {len(started)}, customer messages stored {stored}, retried calls {retries['count']}")
    print(f"  takeover races {len(race_results)}, each with one winner: {all(r.count(200) == 1 for r in race_results)}")
    print(f"  messages sent across the kill: {total} in {chat_seconds:.1f}s")
    if ordered:
        print(f"  call latency p50 {statistics.median(ordered) * 1000:.0f} ms, "
              f"p95 {ordered[int(len(ordered) * 0.95) - 1] * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms")
    print(f"  messages the live stream on the surviving api delivered: {len(set(seen))} of {2 * (args.messages + 1)}")
    print(f"  idle timers all fired within {timers_seconds:.0f}s of the last message (timeout {args.idle_timeout}s)")
    print(f"  driver ran {time.time() - began:.0f}s")
    if failures:
        print(f"{len(failures)} checks failed")
        sys.exit(1)
    print("every check passed")


if __name__ == "__main__":
    main()
