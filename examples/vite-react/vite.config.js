// The React plugin only (JSX); nothing for rolegate: `import … from 'rolegate'` needs no configuration.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({ plugins: [react()] });
