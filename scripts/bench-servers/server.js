// Node.js server for scripts/bench-servers/run.py: plain node:http, one process.
// usage: node server.js PORT
'use strict';
const http = require('node:http');

const port = Number(process.argv[2] || 8101);

// Naive recursive Fibonacci: the same algorithm as fib() in app.py.
function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

function send(res, obj) {
  const body = JSON.stringify(obj);
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

const server = http.createServer((req, res) => {
  if (req.url === '/io') {
    // Stand-in for a 10 ms call to a database or another service.
    setTimeout(() => send(res, { ok: true, waited_ms: 10 }), 10);
  } else if (req.url === '/cpu') {
    send(res, { ok: true, fib22: fib(22) });
  } else if (req.url === '/') {
    send(res, { ok: true });
  } else {
    res.writeHead(404, { 'content-length': 0 });
    res.end();
  }
});

server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
