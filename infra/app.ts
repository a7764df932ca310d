/**
 * CDK entry (`cdk.json`: `npx tsx infra/app.ts`): `npx cdk synth -c stage=dev|staging|prod`.
 * Resolver bundles come from the one bundler, so AppSync gets the bytes the local runtime runs.
 */
import { App } from 'aws-cdk-lib';
import { buildResolvers } from '../build/bundle.js';
import { createApp, flagFromContext, indexLimitFromContext, stageFromContext } from './stacks/create-app.js';

// The CLI passes `-c` values through the environment; a throwaway App reads them (and must not
// auto-synthesize an empty assembly over the real one at exit).
const probe = new App({ autoSynth: false });
const stage = stageFromContext(probe.node.tryGetContext('stage'));
const bundles = await buildResolvers();
const reserveConcurrency = flagFromContext('reserveConcurrency', probe.node.tryGetContext('reserveConcurrency'));
const indexLimit = indexLimitFromContext(probe.node.tryGetContext('indexLimit'));
const { app } = createApp({ stage, bundles, reserveConcurrency, indexLimit });
app.synth();
