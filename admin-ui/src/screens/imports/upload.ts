/**
 * Starting an import from the browser: `startCustomerImport` creates the job and a presigned S3
 * PUT, then the file goes straight to the ingest bucket (another origin: its CORS rule allows the
 * admin app's origin, build/ingest-cors.ts). XMLHttpRequest, not fetch, so the screen can show
 * how much of a large file is uploaded.
 */
import { StartCustomerImportDocument } from '../../../generated/graphql.js';
import { uploadFileName } from '../../../../clients/imports/upload-name.js';
import { ApiError } from '../../api/errors.js';
import type { GraphqlClient } from '../../api/client.js';

export interface StartedImport {
  readonly importId: string;
  /** Rows the file likely holds (lines minus the header), for the bar until the job knows. */
  readonly estimatedRows: number;
}

/** Newlines in the file, read as a stream (constant memory); quoted newlines over-count a little. */
export async function estimateRows(file: Blob): Promise<number> {
  const reader = file.stream().getReader();
  let lines = 0;
  let last = 0x0a;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (const byte of value) if (byte === 0x0a) lines += 1;
    if (value.length > 0) last = value[value.length - 1]!;
  }
  // A last line without a newline is a row too; the header is not.
  return Math.max(0, lines + (last === 0x0a ? 0 : 1) - 1);
}

/** S3 answers errors as XML (`<Code>`, `<Message>`): the screen shows both. */
function s3Problem(status: number, body: string): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
  return [`HTTP ${status}`, code, message].filter(Boolean).join(': ');
}

export function putFile(url: string, file: Blob, onProgress: (sent: number, total: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new ApiError('UploadFailed', s3Problem(xhr.status, xhr.responseText)));
    // The browser hides why (CORS, network, an expired URL look alike): say what to check.
    xhr.onerror = () => reject(new ApiError('UploadFailed', 'the storage did not answer (network, or its CORS rule refused this origin)'));
    xhr.send(file);
  });
}

export async function startImport(
  api: GraphqlClient,
  file: File,
  dryRun: boolean,
  onProgress: (sent: number, total: number) => void,
): Promise<StartedImport> {
  const estimate = estimateRows(file);
  const { startCustomerImport } = await api.request(StartCustomerImportDocument, { fileName: uploadFileName(file.name), dryRun });
  await putFile(startCustomerImport.uploadUrl, file, onProgress);
  return { importId: startCustomerImport.importId, estimatedRows: await estimate };
}
