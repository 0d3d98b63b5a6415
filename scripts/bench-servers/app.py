"""Python server for scripts/bench-servers/run.py: a bare ASGI app, no framework.

usage: python -m uvicorn app:app --port PORT --workers 1 --no-access-log \
           --loop asyncio --http h11
"""
import asyncio
import json

HEADERS = [(b"content-type", b"application/json")]


def fib(n):
    # Naive recursive Fibonacci: the same algorithm as fib() in server.js.
    return n if n < 2 else fib(n - 1) + fib(n - 2)


async def send_json(send, obj):
    body = json.dumps(obj, separators=(",", ":")).encode()
    await send({
        "type": "http.response.start",
        "status": 200,
        "headers": HEADERS + [(b"content-length", str(len(body)).encode())],
    })
    await send({"type": "http.response.body", "body": body})


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    path = scope["path"]
    if path == "/io":
        # Stand-in for a 10 ms call to a database or another service.
        await asyncio.sleep(0.010)
        await send_json(send, {"ok": True, "waited_ms": 10})
    elif path == "/cpu":
        await send_json(send, {"ok": True, "fib22": fib(22)})
    elif path == "/":
        await send_json(send, {"ok": True})
    else:
        await send({"type": "http.response.start", "status": 404,
                    "headers": [(b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})
