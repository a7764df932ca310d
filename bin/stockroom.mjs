#!/usr/bin/env node
// `npx stockroom <verb>`: runs the TypeScript CLI through tsx's loader (no separate build step).
import { register } from 'tsx/esm/api';

register();
await import('../local/cli/main.ts');
