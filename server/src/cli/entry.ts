/** Bundle entry of the CLI (dist/cli.js). */
import { main } from './main';

void main();
