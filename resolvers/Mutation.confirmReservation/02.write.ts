export { transitionRequest as request, transitionResponse as response } from '../lib/transition-write';
