#!/usr/bin/env node
// `npx flipside …`: runs the TypeScript CLI through tsx, as `npm start` runs the server. The CLI is
// called, not started by importing it: npx runs this file through node_modules/.bin/flipside, a
// link whose name says nothing about what it points to.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
main(process.argv.slice(2));
