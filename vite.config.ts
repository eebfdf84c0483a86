import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// base './' keeps the build working from any static host and from a sub-path.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { target: 'es2022', sourcemap: false },
});
