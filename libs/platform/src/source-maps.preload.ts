// Loaded with `node --require` before a service's entry point (infra/local/service-process.js and
// the Dockerfile's CMD): from here on, stack traces of Lantern's own code name its TypeScript lines,
// read from the maps the build writes beside dist/'s files.
//
// Only Lantern's: `--enable-source-maps`, used until 2026-12-04, also read and kept the maps that
// packages in node_modules ship (rxjs, OpenTelemetry …), whose frames nobody needs mapped. Idle
// RSS per service (`npm run bench -- --rss`, one run): 139–145 MB with the flag, 137–144 MB with
// this, which is what makes room for a 2 MB young generation (service-process.js).
import * as nodeModule from 'node:module';

type SetSourceMapsSupport = (enabled: boolean, options?: { nodeModules?: boolean; generatedCode?: boolean }) => void;

// Node 22.14 and later; an older runtime maps everything, as the flag did.
const setSourceMapsSupport = (nodeModule as { setSourceMapsSupport?: SetSourceMapsSupport }).setSourceMapsSupport;
if (setSourceMapsSupport) setSourceMapsSupport(true, { nodeModules: false, generatedCode: false });
else process.setSourceMapsEnabled(true);
