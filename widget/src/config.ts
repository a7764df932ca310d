/**
 * Where the widget finds its API: attributes on the element (`api-url`, `api-key`) win, then the
 * script tag's `data-api-url` / `data-api-key`, then `window.StockroomConfig = {apiUrl, apiKey}`.
 */
export interface WidgetConfig {
  readonly apiUrl?: string;
  readonly apiKey?: string;
}

declare global {
  interface Window {
    StockroomConfig?: WidgetConfig;
  }
}

/** Read while the script runs: `document.currentScript` is only set then. */
const script = document.currentScript as HTMLScriptElement | null;

export function configFor(element: Element): Required<WidgetConfig> | undefined {
  const global = window.StockroomConfig ?? {};
  const apiUrl = element.getAttribute('api-url') ?? script?.dataset['apiUrl'] ?? global.apiUrl;
  const apiKey = element.getAttribute('api-key') ?? script?.dataset['apiKey'] ?? global.apiKey;
  return apiUrl && apiKey ? { apiUrl: new URL(apiUrl, document.baseURI).href, apiKey } : undefined;
}
