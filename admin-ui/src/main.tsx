/** Entry: read config.json, then render the app. */
import { render } from 'preact';
import { App } from './app.js';
import { loadConfig } from './config.js';
import './styles.css';

const root = document.getElementById('app')!;
loadConfig()
  .then((config) => render(<App config={config} />, root))
  .catch((error: unknown) => {
    root.textContent = `The admin app could not start: ${error instanceof Error ? error.message : String(error)}`;
  });
