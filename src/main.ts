/**
 * Starts LOVIT. The public pages are rendered by React, which chooses its build when first loaded: unless told
 * otherwise, the production one, not the development one that checks every element at several times the cost.
 * So the environment is settled here, before the server's modules are loaded.
 */
process.env.NODE_ENV ??= 'production';
await import('./server.ts');
