/**
 * `stockroom evaluate-code --code <file.js|.ts> --context <context.json> --function request|response`
 * prints one JSON object shaped like AWS's EvaluateCode response. Exit 0 whether or not the code
 * raised an error; non-zero only for misuse (missing file, bad flag, unreadable JSON).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleResolver, BundleError } from '../../build/bundle.js';
import { evaluateCode, type EvaluateCodeResult } from '../runtime/evaluate-code.js';
import { parseFlags, UsageError } from './args.js';

export async function evaluateCodeCommand(argv: readonly string[]): Promise<EvaluateCodeResult> {
  const flags = parseFlags(argv, { code: 'string', context: 'string', function: 'string', runtime: 'string', help: 'boolean' });
  // Accepted so that an `aws appsync evaluate-code` command line works as is.
  if (flags.runtime !== undefined && flags.runtime.replace(/\s/g, '') !== 'name=APPSYNC_JS,runtimeVersion=1.0.0') {
    throw new UsageError('--runtime must be name=APPSYNC_JS,runtimeVersion=1.0.0 (the only runtime this evaluates)');
  }
  if (!flags.code) throw new UsageError('--code is required');
  if (!flags.context) throw new UsageError('--context is required');
  const fn = flags.function ?? 'request';
  if (fn !== 'request' && fn !== 'response') throw new UsageError('--function must be "request" or "response"');
  const codePath = resolve(flags.code);
  const contextPath = resolve(flags.context);
  if (!existsSync(codePath)) throw new UsageError(`code file not found: ${flags.code}`);
  if (!existsSync(contextPath)) throw new UsageError(`context file not found: ${flags.context}`);
  let context: unknown;
  try {
    context = JSON.parse(readFileSync(contextPath, 'utf8'));
  } catch (error) {
    throw new UsageError(`context file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (context === null || typeof context !== 'object' || Array.isArray(context)) throw new UsageError('the context must be a JSON object');

  let code: string;
  if (codePath.endsWith('.ts')) {
    try {
      code = (await bundleResolver(codePath)).code;
    } catch (error) {
      const message = error instanceof BundleError ? error.message : String(error);
      return {
        evaluationResult: null,
        error: { message: 'The code contains one or more errors.', codeErrors: [{ errorType: 'BUNDLE_ERROR', value: message }] },
        logs: [],
        stash: '{}',
        outErrors: '[]',
      };
    }
  } else {
    code = readFileSync(codePath, 'utf8');
  }
  return evaluateCode({ code, context: context as Record<string, unknown>, fn });
}
