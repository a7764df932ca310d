/** The built widget script: one minified file within the size budget the issue sets. */
import { describe, expect, it } from 'vitest';
import { buildWidget, gzippedSize, WIDGET_GZIP_BUDGET_BYTES } from '../../widget/build.js';

describe('buildWidget', () => {
  it('is one classic script under 10 KB gzipped, with no module syntax left in it', async () => {
    const code = await buildWidget();
    expect(gzippedSize(code)).toBeLessThan(WIDGET_GZIP_BUDGET_BYTES);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toContain('stockroom-stock');
  });
});
