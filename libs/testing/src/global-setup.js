// Jest global setup for the integration suite: make sure a real Kafka and a real
// MongoDB-compatible server are reachable, and hand their addresses to the test workers
// through the environment (workers are forked after this runs, so they inherit it).
//
// Order of preference:
//   1. KAFKA_BROKERS / MONGO_URL already set  -> use those servers as they are;
//   2. a Docker engine is reachable           -> testcontainers (Kafka + MongoDB images);
//   3. otherwise                              -> the project's own local Kafka + FerretDB.
const path = require('node:path');
const { pathToFileURL } = require('node:url');

module.exports = async function globalSetup() {
  if (process.env.KAFKA_BROKERS && process.env.MONGO_URL) return;
  const containers = await startContainersIfDockerIsThere();
  if (containers) {
    Object.assign(process.env, containers.env);
    globalThis.__LANTERN_CONTAINERS__ = containers;
    return;
  }
  process.env.LANTERN_INFRA_PROFILE ??= 'test';
  const infra = await import(pathToFileURL(path.join(__dirname, '../../../infra/local/lantern-infra.mjs')).href);
  const { kafkaBrokers, mongoUrl } = await infra.ensureInfra({ quiet: true });
  process.env.KAFKA_BROKERS ??= kafkaBrokers;
  process.env.MONGO_URL ??= mongoUrl;
};

async function startContainersIfDockerIsThere() {
  if (process.env.LANTERN_NO_CONTAINERS === '1') return undefined;
  let testcontainers;
  try {
    testcontainers = require('testcontainers');
    await testcontainers.getContainerRuntimeClient();
  } catch {
    return undefined; // no Docker engine here
  }
  const { GenericContainer, Wait } = testcontainers;
  const mongo = await new GenericContainer('mongo:7')
    .withCommand(['--replSet', 'rs0', '--bind_ip_all'])
    .withExposedPorts(27017)
    .withWaitStrategy(Wait.forLogMessage(/Waiting for connections/))
    .start();
  await mongo.exec(['mongosh', '--quiet', '--eval', "rs.initiate({_id:'rs0',members:[{_id:0,host:'127.0.0.1:27017'}]})"]);
  const kafkaPort = 39092;
  const kafka = await new GenericContainer('apache/kafka:4.1.1')
    .withExposedPorts({ container: kafkaPort, host: kafkaPort })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${kafkaPort},CONTROLLER://0.0.0.0:9093`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${kafkaPort}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  return {
    env: {
      KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
      MONGO_URL: `mongodb://${mongo.getHost()}:${mongo.getMappedPort(27017)}/?directConnection=true`,
    },
    stop: () => Promise.all([mongo.stop(), kafka.stop()]),
  };
}
