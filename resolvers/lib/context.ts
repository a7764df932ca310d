/**
 * Context types of pipeline resolvers, so no handler reads the stash or the previous result
 * untyped. AppSync's `Context<Args, Stash, Prev, Source, Result>`: a pipeline's before/after
 * handlers and each step share the field's arguments and one stash; `prev.result` is what the
 * step before returned; `result` is this step's data-source result.
 */
import type { Context } from '@aws-appsync/utils';

/** A step (or the after-handler) of a pipeline: `prev.result` is the previous step's return value. */
export type StepContext<Args, Stash extends object, Prev, Result = unknown> = Context<Args, Stash, { result: Prev }, undefined, Result>;

/** A pipeline's before-handler: nothing ran before it. */
export type BeforeContext<Args, Stash extends object> = Context<Args, Stash, undefined, undefined, undefined>;

/** A unit resolver: no stash and no previous step; `result` is its data source's answer. */
export type UnitContext<Args, Result> = Context<Args, Record<string, never>, undefined, undefined, Result>;
