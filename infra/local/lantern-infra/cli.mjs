// The command line: `node infra/local/lantern-infra.mjs <command> [-q]` (see USAGE).
import { SERVERS, ensureInfra, infraEnv, infraStatus, installInfra, resetInfra, stopInfra } from './infra.mjs';
import { kafkaTopics } from './kafka.mjs';
import { VERSIONS } from './layout.mjs';
import { InfraError, secs } from './shell.mjs';

const USAGE = `usage: node infra/local/lantern-infra.mjs <command> [-q]

  install        fetch Kafka ${VERSIONS.kafka} jars (maven) and build the FerretDB launcher (go);
                 skipped when up to date (--force to redo)
  start          install if needed, then start Kafka and FerretDB in the background
                 (reuses running ones; KAFKA_BROKERS / MONGO_URL set = use those instead)
  stop           stop what start started
  status         show each server: running/stopped, pid, port, external env vars
  reset          stop, then delete the data (keeps jars and binary)
  env            print KAFKA_BROKERS=... and MONGO_URL=... (--export: as shell exports)
  kafka-topics   run Kafka's TopicCommand against the local broker, e.g.
                 kafka-topics --list | kafka-topics --create --topic t --partitions 6

env: LANTERN_KAFKA_PORT (9092; controller on +1), LANTERN_MONGO_PORT (27017),
     KAFKA_BROKERS, MONGO_URL, LANTERN_KAFKA_CDS=0 (no class-data-sharing archive),
     LANTERN_INFRA_PROFILE (e.g. test: its own servers, ports and data)
state: .lantern/ at the repository root`;

async function printStatus(asJson) {
  const s = await infraStatus();
  if (asJson) {
    console.log(JSON.stringify(s, null, 2));
    return;
  }
  for (const name of ['kafka', 'ferretdb']) {
    const x = s[name];
    const state = x.running ? (x.ready ? 'running' : 'running (not answering)') : 'stopped';
    const ext = x.external ? `  external: ${SERVERS[name].envVar}=${x.external} (used instead)` : '';
    console.log(`${name.padEnd(9)} ${state.padEnd(8)}  pid ${String(x.pid ?? '-').padEnd(7)} port ${x.port}  ${x.url}${ext}`);
  }
  console.log(`installed: kafka ${s.installed.kafka ? VERSIONS.kafka : 'no'}, ferretdb launcher ${s.installed.ferretdb ? 'yes' : 'no'}`);
}

/** Runs one command; resolves with the process exit code. */
export async function main(argv) {
  const args = argv.filter((a) => a !== '-q' && a !== '--quiet');
  const quiet = args.length !== argv.length;
  const [cmd, ...rest] = args;
  switch (cmd) {
    case 'install':
      await installInfra({ quiet, force: rest.includes('--force') });
      return 0;
    case 'start': {
      const t0 = Date.now();
      const r = await ensureInfra({ quiet });
      if (!quiet) console.log(`[lantern-infra] infra up in ${secs(Date.now() - t0)}`);
      console.log(`KAFKA_BROKERS=${r.kafkaBrokers}`);
      console.log(`MONGO_URL=${r.mongoUrl}`);
      return 0;
    }
    case 'stop':
      await stopInfra({ quiet });
      return 0;
    case 'reset':
      await resetInfra({ quiet });
      return 0;
    case 'status':
      await printStatus(rest.includes('--json'));
      return 0;
    case 'env': {
      const e = infraEnv();
      for (const [k, v] of Object.entries(e)) console.log(rest.includes('--export') ? `export ${k}='${v}'` : `${k}=${v}`);
      return 0;
    }
    case 'kafka-topics':
      return kafkaTopics(rest, infraEnv().KAFKA_BROKERS);
    case undefined:
    case 'help':
    case '-h':
    case '--help':
      console.log(USAGE);
      return cmd === undefined ? 1 : 0;
    default:
      console.error(`unknown command: ${cmd}\n\n${USAGE}`);
      return 1;
  }
}

/** Runs main and exits with its code; an InfraError is shown as its message alone. */
export function runCli(argv) {
  main(argv).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`[lantern-infra] ${err instanceof InfraError ? err.message : err.stack || err}`);
      process.exit(1);
    },
  );
}
