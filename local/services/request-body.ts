/**
 * Reads a request body of the local AWS stand-ins (EventBridge, SNS) as UTF-8, refusing one larger
 * than `maxBytes` with the error `tooLarge` makes (each service has its own error shape).
 */
import type { IncomingMessage } from 'node:http';

export function readBoundedBody(req: IncomingMessage, maxBytes: number, tooLarge: () => Error): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(tooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
