#!/usr/bin/env node
// The `lovit` command: runs the TypeScript CLI on the project's Node through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
