/**
 * Side-effect module, imported first by the local server (`local/server/start.ts`). The X-Ray SDK
 * that Powertools Tracer loads in every function enters "automatic mode" at import: it installs a
 * process-wide async hook (cls-hooked) that runs on every promise and async resource. On Lambda
 * that hook lives in the function's own process; locally every function shares the server's
 * process, so it would tax every promise of the server, the stream pollers, the bus and the
 * real-time fan-out (a promise-heavy loop runs several times slower). Tracing is off locally (the
 * Tracer disables itself outside Lambda), so manual mode changes nothing else. See
 * docs/local-runtime.md.
 */
process.env['AWS_XRAY_MANUAL_MODE'] ??= 'true';

export {};
