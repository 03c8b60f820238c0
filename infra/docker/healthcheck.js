// Container healthcheck for the Lantern services (the slim Node image has neither curl nor wget).
// Exits 0 when GET http://127.0.0.1:$PORT/health/ready answers 2xx, 1 otherwise.
// Usage: node healthcheck.js [path]   (path defaults to /health/ready)
'use strict';
const http = require('node:http');

const port = Number(process.env.PORT);
const path = process.argv[2] || '/health/ready';

function fail(reason) {
  console.error(`healthcheck ${path}: ${reason}`);
  process.exit(1);
}

if (!Number.isInteger(port) || port <= 0) fail('PORT is not set');

const request = http.get({ host: '127.0.0.1', port, path, timeout: 4000 }, (response) => {
  response.resume();
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) process.exit(0);
  fail(`HTTP ${status}`);
});
request.on('timeout', () => request.destroy(new Error('no answer within 4 s')));
request.on('error', (error) => fail(error.message));
