import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiServer = 'http://localhost:3000';

export default defineConfig({
  root: 'web',
  // web/public holds the server-rendered portal, not static files to copy.
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The back-office is one application for staff on office networks: about 570 kB before gzip
    // (175 kB after), of which React, the router, TanStack Query, react-hook-form and zod are most.
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
      '/readyz': apiServer,
      '/metrics': apiServer,
    },
  },
});
