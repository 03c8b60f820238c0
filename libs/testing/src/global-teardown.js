// Stops testcontainers started by the global setup. The local Kafka/FerretDB are left to
// whoever started them (`npm test` stops them when it started them itself).
module.exports = async function globalTeardown() {
  await globalThis.__LANTERN_CONTAINERS__?.stop();
};
