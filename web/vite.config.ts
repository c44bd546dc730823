import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// Built files go under /static/: /assets is an API path (the equipment register).
export default defineConfig({
  plugins: [preact()],
  build: { assetsDir: 'static', sourcemap: false, chunkSizeWarningLimit: 1200 },
  server: { port: 5173 },
});
